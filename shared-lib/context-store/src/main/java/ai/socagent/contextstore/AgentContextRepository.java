package ai.socagent.contextstore;

import java.time.Instant;
import java.util.Optional;

/** AgentContextTable. Expired entries are absent from every read. */
public interface AgentContextRepository {

    /**
     * Stores a new entry (its version is ignored) and returns it as stored: version 1, expiry set.
     *
     * @throws ContextAlreadyExistsException an unexpired entry has the same key
     * @throws ContextItemTooLargeException the item would exceed the item size limit
     */
    AgentContextEntry create(AgentContextEntry entry);

    /**
     * Replaces a stored entry whose version is {@code entry.version()}; returns it at the next version.
     *
     * @throws ContextVersionConflictException the stored version differs, or no unexpired entry exists
     * @throws ContextItemTooLargeException the item would exceed the item size limit
     */
    AgentContextEntry update(AgentContextEntry entry);

    Optional<AgentContextEntry> find(String agentId, String sessionId, Instant timestamp);

    /** Base table: one session of an agent over a time range. */
    Page<AgentContextEntry> findBySession(String agentId, String sessionId, TimeRange range, PageRequest page);
}
