package ai.socagent.contextstore;

import java.time.Instant;
import java.util.Objects;

/**
 * A row of InvestigationContextTable: what one agent recorded about one investigation, at a context
 * level (for example {@code evidence}, {@code timeline}), keyed by {@code
 * context_level#timestamp}.
 *
 * @param payload the context, a JSON document as text
 * @param version 0 for an entry not yet stored; the stored version otherwise
 * @param expiresAt when the entry expires; null on write means "the table's TTL from now"
 */
public record InvestigationContextEntry(
        String investigationId,
        String contextLevel,
        Instant timestamp,
        String agentId,
        String payload,
        long version,
        Instant expiresAt) {

    public InvestigationContextEntry {
        ContextKeys.require(ContextTables.INVESTIGATION_ID, investigationId);
        ContextKeys.requireCompositePart(ContextTables.CONTEXT_LEVEL, contextLevel);
        timestamp = ContextTimestamps.normalise(Objects.requireNonNull(timestamp, "timestamp"));
        ContextKeys.requireCompositePart(ContextTables.AGENT_ID, agentId);
        Objects.requireNonNull(payload, "payload");
        if (version < 0) {
            throw new IllegalArgumentException("version must not be negative");
        }
    }

    /** A new entry, not yet stored, expiring after the table's TTL. */
    public static InvestigationContextEntry of(
            String investigationId, String contextLevel, Instant timestamp, String agentId, String payload) {
        return new InvestigationContextEntry(investigationId, contextLevel, timestamp, agentId, payload, 0, null);
    }

    public InvestigationContextEntry withPayload(String newPayload) {
        return new InvestigationContextEntry(
                investigationId, contextLevel, timestamp, agentId, newPayload, version, expiresAt);
    }

    public InvestigationContextEntry withExpiresAt(Instant newExpiresAt) {
        return new InvestigationContextEntry(
                investigationId, contextLevel, timestamp, agentId, payload, version, newExpiresAt);
    }

    public InvestigationContextEntry withVersion(long newVersion) {
        return new InvestigationContextEntry(
                investigationId, contextLevel, timestamp, agentId, payload, newVersion, expiresAt);
    }
}
