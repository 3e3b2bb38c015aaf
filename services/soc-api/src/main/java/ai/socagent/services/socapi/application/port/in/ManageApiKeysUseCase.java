package ai.socagent.services.socapi.application.port.in;

import ai.socagent.services.socapi.domain.ApiKey;
import ai.socagent.services.socapi.domain.Role;
import java.util.List;
import java.util.Optional;

/** An admin's management of API keys. */
public interface ManageApiKeysUseCase {

    /** Creates a key; the secret is in the answer and nowhere else, ever. */
    CreatedApiKey create(String name, Role role);

    /** Every key, revoked ones included; no secrets. */
    List<ApiKey> list();

    /** Revokes the key; revoking a revoked key changes nothing. Empty when no key has this id. */
    Optional<ApiKey> revoke(String keyId);

    /**
     * {@link #revoke(String)} on behalf of a caller that authenticated with the key {@code
     * callerKeyId} (empty for other callers: a token, an IAM role, the offline command).
     *
     * @throws SelfRevocationException the key is the caller's own
     */
    Optional<ApiKey> revoke(String keyId, Optional<String> callerKeyId);

    /**
     * Makes sure an admin can get in: stores {@code knownKey}'s hash as an admin key unless it is
     * stored already, or, without a known key, creates an admin key when no valid one exists.
     *
     * @return the key created with its secret (to show once), or empty when nothing was created or
     *     the secret was supplied by the caller
     */
    Optional<CreatedApiKey> ensureAdminKey(Optional<String> knownKey);

    /** A new key and its secret. */
    record CreatedApiKey(ApiKey key, String secret) {
        @Override
        public String toString() {
            // never the secret, whoever logs this
            return "CreatedApiKey[" + key.keyId() + "]";
        }
    }
}
