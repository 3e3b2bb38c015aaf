package ai.socagent.services.socapi.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An API key as kept: never the key itself, only its SHA-256.
 *
 * @param keyId public identifier, named in lists, logs and the revoke call
 * @param name what the admin called it (who or what uses it)
 * @param role what its holder may do
 * @param keyHash SHA-256 of the key, lower-case hex
 * @param createdAt when it was created
 * @param revokedAt when it was revoked; null while it is valid
 */
public record ApiKey(String keyId, String name, Role role, String keyHash, Instant createdAt, Instant revokedAt) {

    private static final Pattern SHA_256_HEX = Pattern.compile("[0-9a-f]{64}");

    public ApiKey {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(name, "name");
        if (name.isBlank() || name.length() > 200) {
            throw new IllegalArgumentException("name must be 1..200 characters");
        }
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(keyHash, "keyHash");
        if (!SHA_256_HEX.matcher(keyHash).matches()) {
            throw new IllegalArgumentException("keyHash must be a SHA-256 in lower-case hex");
        }
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** Whether the key still authenticates. */
    public boolean valid() {
        return revokedAt == null;
    }

    public ApiKey revoke(Instant at) {
        return valid() ? new ApiKey(keyId, name, role, keyHash, createdAt, Objects.requireNonNull(at, "at")) : this;
    }
}
