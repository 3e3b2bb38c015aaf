package ai.socagent.contextstore.records;

import ai.socagent.domainjson.ContextRecordType;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything an investigation's partition holds, decoded: what the agents so far have left.
 *
 * @param investigationId the investigation
 * @param records every record, in time order (records of one time in key order)
 * @param unreadable context levels this service has no record type for (written by a newer agent)
 */
public record InvestigationSnapshot(String investigationId, List<StoredRecord<?>> records, List<String> unreadable) {

    public InvestigationSnapshot {
        Objects.requireNonNull(investigationId, "investigationId");
        records = records.stream()
                .sorted(Comparator.comparing(StoredRecord::timestamp))
                .toList();
        unreadable = List.copyOf(unreadable);
    }

    /** True when the partition holds nothing (an unknown or expired investigation). */
    public boolean isEmpty() {
        return records.isEmpty() && unreadable.isEmpty();
    }

    /** The records of one type, oldest first. */
    public <T> List<T> all(ContextRecordType<T> type) {
        return records.stream()
                .filter(stored -> stored.type().equals(type))
                .map(stored -> type.javaType().cast(stored.value()))
                .toList();
    }

    /** The newest record of one type. */
    public <T> Optional<T> latest(ContextRecordType<T> type) {
        List<T> all = all(type);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.getLast());
    }
}
