package ai.socagent.contextstore;

import java.time.Instant;
import java.util.Optional;

/** InvestigationContextTable. Expired entries are absent from every read. */
public interface InvestigationContextRepository {

    /**
     * Stores a new entry (its version is ignored) and returns it as stored: version 1, expiry set.
     *
     * @throws ContextAlreadyExistsException an unexpired entry has the same key
     * @throws ContextItemTooLargeException the item would exceed the item size limit
     */
    InvestigationContextEntry create(InvestigationContextEntry entry);

    /**
     * Replaces a stored entry whose version is {@code entry.version()}; returns it at the next version.
     *
     * @throws ContextVersionConflictException the stored version differs, or no unexpired entry exists
     * @throws ContextItemTooLargeException the item would exceed the item size limit
     */
    InvestigationContextEntry update(InvestigationContextEntry entry);

    Optional<InvestigationContextEntry> find(String investigationId, String contextLevel, Instant timestamp);

    /** Base table: one context level of an investigation over a time range. */
    Page<InvestigationContextEntry> findByLevel(
            String investigationId, String contextLevel, TimeRange range, PageRequest page);

    /**
     * Base table, whole partition: every unexpired entry of an investigation, all context levels, in
     * sort-key order (level, then time). For archiving an investigation when it closes.
     */
    default Page<InvestigationContextEntry> findByInvestigation(String investigationId, PageRequest page) {
        throw new UnsupportedOperationException(getClass().getName() + " cannot list a whole investigation");
    }

    /** LSI {@code agent_id-timestamp-index}: one agent's entries of an investigation over a time range. */
    Page<InvestigationContextEntry> findByAgent(
            String investigationId, String agentId, TimeRange range, PageRequest page);
}
