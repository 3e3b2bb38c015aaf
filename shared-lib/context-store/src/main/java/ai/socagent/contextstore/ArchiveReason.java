package ai.socagent.contextstore;

import java.util.Arrays;

/** Why an entry left the context tables; written into the archived document as {@link #wireName()}. */
public enum ArchiveReason {
    /** Removed by DynamoDB's TTL process, or purged by the embedded store after {@code expires_at}. */
    TTL_EXPIRY("ttl-expiry"),
    /** Deleted by a caller (a stream REMOVE not made by the TTL service). */
    DELETED("deleted"),
    /** Copied when its investigation closed, before (and independent of) TTL. */
    INVESTIGATION_CLOSED("investigation-closed");

    private final String wireName;

    ArchiveReason(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static ArchiveReason fromWireName(String name) {
        return Arrays.stream(values())
                .filter(r -> r.wireName.equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown archive reason " + name));
    }
}
