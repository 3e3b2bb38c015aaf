package ai.socagent.contextstore;

import java.time.Instant;
import java.util.Objects;

/**
 * A row of GlobalContextTable: context shared by every investigation (for example threat patterns),
 * keyed by context type and time, findable by threat type and by severity.
 *
 * <p>The sort key {@code timestamp} is {@code <instant>#<itemId>} ({@link ContextKeys#instantAndId}):
 * the fixed-width instant keeps time order (the GSIs sort on the same attribute), the item id makes
 * the key unique, so writers never look for a free slot and one conditional write per item suffices.
 *
 * @param itemId what the entry is about (for example the threat id); with the instant, the key
 *
 *     (a create of the same instant and id is refused: a redelivery writes nothing twice)
 * @param threatType null when the entry has none (it is then absent from that index)
 * @param severity null when the entry has none (it is then absent from that index)
 * @param payload the context, a JSON document as text
 * @param version 0 for an entry not yet stored; the stored version otherwise
 * @param expiresAt when the entry expires; null on write means "the table's TTL from now"
 */
public record GlobalContextEntry(
        String contextType,
        Instant timestamp,
        String itemId,
        String threatType,
        String severity,
        String payload,
        long version,
        Instant expiresAt) {

    public GlobalContextEntry {
        ContextKeys.require(ContextTables.CONTEXT_TYPE, contextType);
        timestamp = ContextTimestamps.normalise(Objects.requireNonNull(timestamp, "timestamp"));
        ContextKeys.require(ContextTables.ITEM_ID, itemId);
        if (threatType != null) {
            ContextKeys.require(ContextTables.THREAT_TYPE, threatType);
        }
        if (severity != null) {
            ContextKeys.require(ContextTables.SEVERITY, severity);
        }
        Objects.requireNonNull(payload, "payload");
        if (version < 0) {
            throw new IllegalArgumentException("version must not be negative");
        }
    }

    /** A new entry, not yet stored, expiring after the table's TTL. */
    public static GlobalContextEntry of(
            String contextType, Instant timestamp, String itemId, String threatType, String severity, String payload) {
        return new GlobalContextEntry(contextType, timestamp, itemId, threatType, severity, payload, 0, null);
    }

    /** The value of the sort key {@code timestamp}: {@code <instant>#<itemId>}. */
    public String sortKey() {
        return ContextKeys.instantAndId(timestamp, itemId);
    }

    public GlobalContextEntry withPayload(String newPayload) {
        return new GlobalContextEntry(
                contextType, timestamp, itemId, threatType, severity, newPayload, version, expiresAt);
    }

    public GlobalContextEntry withExpiresAt(Instant newExpiresAt) {
        return new GlobalContextEntry(
                contextType, timestamp, itemId, threatType, severity, payload, version, newExpiresAt);
    }

    public GlobalContextEntry withVersion(long newVersion) {
        return new GlobalContextEntry(
                contextType, timestamp, itemId, threatType, severity, payload, newVersion, expiresAt);
    }
}
