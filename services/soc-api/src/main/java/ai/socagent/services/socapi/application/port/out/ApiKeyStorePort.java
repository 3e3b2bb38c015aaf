package ai.socagent.services.socapi.application.port.out;

import ai.socagent.services.socapi.domain.ApiKey;
import java.util.List;
import java.util.Optional;

/** Where the API keys are kept, shared by every instance of the API. */
public interface ApiKeyStorePort {

    /** Keeps a new key. */
    void create(ApiKey key);

    /**
     * The key whose hash this is. May answer from a cache: a key revoked on another instance can
     * still be found valid for a few seconds (the store's documented bound).
     */
    Optional<ApiKey> findByHash(String keyHash);

    /** Every key, revoked ones included, oldest first. */
    List<ApiKey> all();

    /** Replaces the stored key of the same hash (a revocation). */
    void replace(ApiKey key);
}
