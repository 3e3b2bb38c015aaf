package ai.socagent.services.socapi.application;

import ai.socagent.services.socapi.application.port.in.AuthenticateApiKeyUseCase;
import ai.socagent.services.socapi.application.port.in.ManageApiKeysUseCase;
import ai.socagent.services.socapi.application.port.in.SelfRevocationException;
import ai.socagent.services.socapi.application.port.out.ApiKeyStorePort;
import ai.socagent.services.socapi.domain.ApiKey;
import ai.socagent.services.socapi.domain.Role;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * API keys: {@code soc_} and 32 random bytes (base64url), kept as their SHA-256 only. A lookup by
 * hash needs no constant-time compare: the hash of a guess reveals nothing about stored keys.
 */
public final class ApiKeyService implements ManageApiKeysUseCase, AuthenticateApiKeyUseCase {

    /** What every key starts with: makes a leaked key recognisable to secret scanners. */
    public static final String PREFIX = "soc_";

    private static final int SECRET_BYTES = 32;
    private static final int KEY_ID_BYTES = 8;
    private static final int MAX_SECRET_LENGTH = 256;

    private final ApiKeyStorePort store;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public ApiKeyService(ApiKeyStorePort store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public CreatedApiKey create(String name, Role role) {
        byte[] secretBytes = new byte[SECRET_BYTES];
        random.nextBytes(secretBytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
        return new CreatedApiKey(store(name, role, secret), secret);
    }

    @Override
    public List<ApiKey> list() {
        return store.all();
    }

    @Override
    public Optional<ApiKey> revoke(String keyId, Optional<String> callerKeyId) {
        if (callerKeyId.filter(keyId::equals).isPresent()) {
            throw new SelfRevocationException(keyId);
        }
        return revoke(keyId);
    }

    @Override
    public Optional<ApiKey> revoke(String keyId) {
        Optional<ApiKey> found =
                store.all().stream().filter(key -> key.keyId().equals(keyId)).findFirst();
        return found.map(key -> {
            if (!key.valid()) {
                return key;
            }
            ApiKey revoked = key.revoke(clock.instant());
            store.replace(revoked);
            return revoked;
        });
    }

    @Override
    public Optional<CreatedApiKey> ensureAdminKey(Optional<String> knownKey) {
        if (knownKey.isPresent()) {
            String secret = knownKey.get();
            if (store.findByHash(hash(secret)).isEmpty()) {
                store("bootstrap", Role.ADMIN, secret);
            }
            return Optional.empty();
        }
        boolean adminExists = store.all().stream().anyMatch(key -> key.valid() && key.role() == Role.ADMIN);
        return adminExists ? Optional.empty() : Optional.of(create("first admin", Role.ADMIN));
    }

    @Override
    public Optional<ApiKey> authenticate(String secret) {
        if (secret == null || secret.isEmpty() || secret.length() > MAX_SECRET_LENGTH) {
            return Optional.empty();
        }
        return store.findByHash(hash(secret)).filter(ApiKey::valid);
    }

    private ApiKey store(String name, Role role, String secret) {
        byte[] id = new byte[KEY_ID_BYTES];
        random.nextBytes(id);
        ApiKey key = new ApiKey("key_" + HexFormat.of().formatHex(id), name, role, hash(secret), clock.instant(), null);
        store.create(key);
        return key;
    }

    /** SHA-256 of the key, lower-case hex: what is stored and looked up. */
    public static String hash(String secret) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }
}
