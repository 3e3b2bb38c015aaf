package ai.socagent.contextstore;

import java.time.Instant;
import java.util.Objects;

/**
 * A row of AgentContextTable: an agent's working memory within a session, keyed by {@code
 * session_id#timestamp}. The table streams NEW_AND_OLD_IMAGES.
 *
 * @param payload the context, a JSON document as text
 * @param version 0 for an entry not yet stored; the stored version otherwise
 * @param expiresAt when the entry expires; null on write means "the table's TTL from now"
 */
public record AgentContextEntry(
        String agentId, String sessionId, Instant timestamp, String payload, long version, Instant expiresAt) {

    public AgentContextEntry {
        ContextKeys.require(ContextTables.AGENT_ID, agentId);
        ContextKeys.requireCompositePart(ContextTables.SESSION_ID, sessionId);
        timestamp = ContextTimestamps.normalise(Objects.requireNonNull(timestamp, "timestamp"));
        Objects.requireNonNull(payload, "payload");
        if (version < 0) {
            throw new IllegalArgumentException("version must not be negative");
        }
    }

    /** A new entry, not yet stored, expiring after the table's TTL. */
    public static AgentContextEntry of(String agentId, String sessionId, Instant timestamp, String payload) {
        return new AgentContextEntry(agentId, sessionId, timestamp, payload, 0, null);
    }

    public AgentContextEntry withPayload(String newPayload) {
        return new AgentContextEntry(agentId, sessionId, timestamp, newPayload, version, expiresAt);
    }

    public AgentContextEntry withExpiresAt(Instant newExpiresAt) {
        return new AgentContextEntry(agentId, sessionId, timestamp, payload, version, newExpiresAt);
    }

    public AgentContextEntry withVersion(long newVersion) {
        return new AgentContextEntry(agentId, sessionId, timestamp, payload, newVersion, expiresAt);
    }
}
