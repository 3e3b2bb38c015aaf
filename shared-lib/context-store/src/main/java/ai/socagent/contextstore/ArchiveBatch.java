package ai.socagent.contextstore;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Entries of one partition of one table, archived together as one object ({@code
 * context/<table>/<partition>/<yyyy>/<mm>/<dd>/<batchId>.json.gz}).
 *
 * @param batchId names the object; the same id for the same entries (for example derived from the
 *     stream sequence number or the item's key and version) makes a retried archive rewrite the same
 *     key instead of leaving a duplicate
 * @param archivedAt the day in the key and the document's timestamp
 */
public record ArchiveBatch(
        ContextTables.Table table, String partition, String batchId, Instant archivedAt, List<ArchivedEntry> entries) {

    private static final Pattern BATCH_ID = Pattern.compile("[A-Za-z0-9._-]{1,200}");

    public ArchiveBatch {
        Objects.requireNonNull(table, "table");
        ContextKeys.require(table.partitionKey(), partition);
        if (batchId == null || !BATCH_ID.matcher(batchId).matches()) {
            throw new IllegalArgumentException("batch id must be 1-200 of [A-Za-z0-9._-], not " + batchId);
        }
        Objects.requireNonNull(archivedAt, "archivedAt");
        entries = List.copyOf(entries);
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("an archive batch needs at least one entry");
        }
        for (ArchivedEntry entry : entries) {
            if (!partition.equals(entry.item().get(table.partitionKey()))
                    || entry.item().get(table.sortKey()) == null) {
                throw new IllegalArgumentException(
                        "every entry of a batch must be an item of " + table.name() + " in partition " + partition);
            }
        }
    }

    /** A batch of the partition of the first entry. */
    public static ArchiveBatch of(
            ContextTables.Table table, String batchId, Instant archivedAt, List<ArchivedEntry> entries) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("an archive batch needs at least one entry");
        }
        return new ArchiveBatch(
                table, entries.getFirst().item().get(table.partitionKey()), batchId, archivedAt, entries);
    }

    /** The table of the design with this (logical) name. */
    public static ContextTables.Table tableNamed(String name) {
        return ContextTables.all().stream()
                .filter(t -> t.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no context table " + name));
    }
}
