package ai.socagent.contextstore;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Copies an investigation's context to the archive when the investigation closes: every unexpired
 * entry of InvestigationContextTable for it, all context levels, all pages, as batches of up to
 * {@value #BATCH} entries (reason {@code investigation-closed}). It does not delete: the entries stay
 * readable until their TTL, and the archive holds them from now on whatever happens to the table.
 * Batch ids derive from the closing time, so archiving the same closure again rewrites the same
 * objects.
 */
public final class InvestigationContextArchiver {

    static final int BATCH = PageRequest.MAX_LIMIT;

    private final InvestigationContextRepository investigations;
    private final ContextArchive archive;
    private final Clock clock;

    public InvestigationContextArchiver(
            InvestigationContextRepository investigations, ContextArchive archive, Clock clock) {
        this.investigations = Objects.requireNonNull(investigations, "investigations");
        this.archive = Objects.requireNonNull(archive, "archive");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Archives the investigation as closed now. */
    public List<ArchiveReceipt> investigationClosed(String investigationId) {
        return investigationClosed(investigationId, clock.instant());
    }

    /**
     * @return one receipt per object written; empty when the investigation holds no unexpired entry
     * @throws ContextArchiveException a batch could not be written (earlier ones were)
     */
    public List<ArchiveReceipt> investigationClosed(String investigationId, Instant closedAt) {
        ContextKeys.require(ContextTables.INVESTIGATION_ID, investigationId);
        List<ArchiveReceipt> receipts = new ArrayList<>();
        PageRequest request = PageRequest.first(BATCH);
        List<ArchivedEntry> pending = new ArrayList<>();
        while (true) {
            Page<InvestigationContextEntry> page = investigations.findByInvestigation(investigationId, request);
            page.items().forEach(e -> pending.add(ArchivedEntry.of(e, ArchiveReason.INVESTIGATION_CLOSED, closedAt)));
            while (pending.size() >= BATCH) {
                receipts.add(write(closedAt, receipts.size(), pending.subList(0, BATCH)));
                pending.subList(0, BATCH).clear();
            }
            if (page.nextCursor().isEmpty()) {
                break;
            }
            request = request.next(page.nextCursor().get());
        }
        if (!pending.isEmpty()) {
            receipts.add(write(closedAt, receipts.size(), pending));
        }
        return List.copyOf(receipts);
    }

    private ArchiveReceipt write(Instant closedAt, int part, List<ArchivedEntry> entries) {
        return archive.archive(ArchiveBatch.of(
                ContextTables.INVESTIGATION,
                "closed-" + closedAt.toEpochMilli() + "-" + String.format("%05d", part),
                closedAt,
                List.copyOf(entries)));
    }
}
