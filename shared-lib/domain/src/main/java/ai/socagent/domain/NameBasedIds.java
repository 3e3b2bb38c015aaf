package ai.socagent.domain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/** Name-based (RFC 9562 version 5, SHA-1) UUIDs: the same namespace and name always give the same id. */
public final class NameBasedIds {

    /**
     * Cloned for each id: looking a digest up through the security providers cost more than the
     * hashing, and every record of an investigation derives its id this way.
     */
    private static final MessageDigest SHA1 = sha1();

    private NameBasedIds() {}

    /** The version 5 UUID of {@code name} (UTF-8) in {@code namespace}, as a lowercase string. */
    public static String uuidV5(UUID namespace, String name) {
        Preconditions.requireNonNull(namespace, "namespace");
        Preconditions.requireNonNull(name, "name");
        MessageDigest sha1 = copyOfSha1();
        sha1.update(ByteBuffer.allocate(16)
                .putLong(namespace.getMostSignificantBits())
                .putLong(namespace.getLeastSignificantBits())
                .array());
        byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
        ByteBuffer buffer = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(buffer.getLong(), buffer.getLong()).toString();
    }

    private static MessageDigest copyOfSha1() {
        try {
            return (MessageDigest) SHA1.clone();
        } catch (CloneNotSupportedException e) {
            return sha1();
        }
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform must provide SHA-1", e);
        }
    }
}
