package ai.socagent.contextstore.records;

import ai.socagent.domainjson.ContextRecordType;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A record as kept in an investigation's partition.
 *
 * @param type which record it is
 * @param qualifier what tells records of one type apart within the investigation (an event id for
 *     audit entries, an action id...), empty when the type has one record per investigation
 * @param timestamp the time of its key
 * @param agentId who wrote it
 * @param value the record
 * @param <T> the record's domain type
 */
public record StoredRecord<T>(
        ContextRecordType<T> type, Optional<String> qualifier, Instant timestamp, String agentId, T value) {

    public StoredRecord {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(qualifier, "qualifier");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(value, "value");
    }
}
