package ai.socagent.contextstore;

import java.time.Instant;
import java.util.Objects;

/**
 * A row of GlobalContextTable: context shared by every investigation (for example threat patterns),
 * keyed by context type and time, findable by threat type and by severity.
 *
 * @param threatType null when the entry has none (it is then absent from that index)
 * @param severity null when the entry has none (it is then absent from that index)
 * @param payload the context, a JSON document as text
 * @param version 0 for an entry not yet stored; the stored version otherwise
 * @param expiresAt when the entry expires; null on write means "the table's TTL from now"
 */
public record GlobalContextEntry(
        String contextType,
        Instant timestamp,
        String threatType,
        String severity,
        String payload,
        long version,
        Instant expiresAt) {

    public GlobalContextEntry {
        ContextKeys.require(ContextTables.CONTEXT_TYPE, contextType);
        timestamp = ContextTimestamps.normalise(Objects.requireNonNull(timestamp, "timestamp"));
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
            String contextType, Instant timestamp, String threatType, String severity, String payload) {
        return new GlobalContextEntry(contextType, timestamp, threatType, severity, payload, 0, null);
    }

    public GlobalContextEntry withPayload(String newPayload) {
        return new GlobalContextEntry(contextType, timestamp, threatType, severity, newPayload, version, expiresAt);
    }

    public GlobalContextEntry withExpiresAt(Instant newExpiresAt) {
        return new GlobalContextEntry(contextType, timestamp, threatType, severity, payload, version, newExpiresAt);
    }

    public GlobalContextEntry withVersion(long newVersion) {
        return new GlobalContextEntry(contextType, timestamp, threatType, severity, payload, newVersion, expiresAt);
    }
}
