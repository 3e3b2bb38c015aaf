package ai.socagent.contextstore;

import java.time.Instant;
import java.util.Optional;

/**
 * GlobalContextTable. Expired entries are absent from every read. The sort key is {@code
 * <instant>#<itemId>}: entries of one instant are distinct by item id, and time ranges bound the
 * instant.
 */
public interface GlobalContextRepository {

    /**
     * Stores a new entry (its version is ignored) and returns it as stored: version 1, expiry set.
     *
     * @throws ContextAlreadyExistsException an unexpired entry has the same key
     * @throws ContextItemTooLargeException the item would exceed the item size limit
     */
    GlobalContextEntry create(GlobalContextEntry entry);

    /**
     * Replaces a stored entry whose version is {@code entry.version()}; returns it at the next version.
     *
     * @throws ContextVersionConflictException the stored version differs, or no unexpired entry exists
     * @throws ContextItemTooLargeException the item would exceed the item size limit
     */
    GlobalContextEntry update(GlobalContextEntry entry);

    /** The entry whose sort key is {@code <timestamp>#<itemId>}. */
    Optional<GlobalContextEntry> find(String contextType, Instant timestamp, String itemId);

    /** Entries whose instant lies in {@code range} (inclusive, any item id), in key order. */
    Page<GlobalContextEntry> findByContextType(String contextType, TimeRange range, PageRequest page);

    /** GSI {@code threat_type-timestamp-index}. */
    Page<GlobalContextEntry> findByThreatType(String threatType, TimeRange range, PageRequest page);

    /** GSI {@code severity-timestamp-index}. */
    Page<GlobalContextEntry> findBySeverity(String severity, TimeRange range, PageRequest page);
}
