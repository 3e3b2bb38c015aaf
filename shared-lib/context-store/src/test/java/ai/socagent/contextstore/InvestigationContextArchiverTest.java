package ai.socagent.contextstore;

import static org.assertj.core.api.Assertions.assertThat;

import ai.socagent.contextstore.adapter.out.embedded.EmbeddedContextStore;
import ai.socagent.contextstore.adapter.out.local.LocalDirectoryContextArchive;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Closing an investigation copies all its context, every level and page, to the archive. */
class InvestigationContextArchiverTest {

    private static final Instant START = Instant.parse("2026-11-26T12:00:00Z");
    private static final ContextTables TABLES = ContextTables.forEnvironment("close");

    @TempDir
    Path directory;

    private final MutableClock clock = new MutableClock(START);
    private ContextStore store;
    private ContextArchive archive;

    @BeforeEach
    void open() {
        store = EmbeddedContextStore.open(directory.resolve("store.mv"), TABLES, clock, CursorCodec.create());
        archive = LocalDirectoryContextArchive.create(directory.resolve("archive"), TABLES);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void investigationClosed_archivesEveryUnexpiredEntryOfEveryLevelAcrossPages_andDeletesNothing() {
        List<InvestigationContextEntry> stored = new ArrayList<>();
        String[] levels = {"evidence", "timeline", "root-cause"};
        for (int i = 0; i < 1_050; i++) {
            stored.add(store.investigations()
                    .create(InvestigationContextEntry.of(
                            "inv-9", levels[i % 3], START.minusSeconds(i), "Investigation", "{\"i\":" + i + "}")));
        }
        store.investigations()
                .create(new InvestigationContextEntry(
                        "inv-9", "evidence", START.plusSeconds(5), "Investigation", "{}", 0, START.plusSeconds(1)));
        store.investigations().create(InvestigationContextEntry.of("inv-90", "evidence", START, "Other", "{}"));
        clock.advance(Duration.ofSeconds(2)); // the entry expiring at START + 1 s is gone

        InvestigationContextArchiver archiver =
                new InvestigationContextArchiver(store.investigations(), archive, clock);
        List<ArchiveReceipt> receipts = archiver.investigationClosed("inv-9");

        assertThat(receipts).extracting(ArchiveReceipt::entries).containsExactly(1_000, 50);
        assertThat(receipts)
                .extracting(ArchiveReceipt::key)
                .allSatisfy(k ->
                        assertThat(k).startsWith("context/close-InvestigationContextTable/inv-9/2026/11/26/closed-"));
        List<InvestigationContextEntry> archived = receipts.stream()
                .flatMap(r -> archive.read(r.key()).orElseThrow().entries().stream())
                .peek(e -> assertThat(e.reason()).isEqualTo(ArchiveReason.INVESTIGATION_CLOSED))
                .map(ArchivedEntry::asInvestigation)
                .toList();
        assertThat(archived).containsExactlyInAnyOrderElementsOf(stored);
        assertThat(store.investigations().find("inv-9", "evidence", START)).isPresent();

        // the same closure again rewrites the same objects
        assertThat(archiver.investigationClosed("inv-9", clock.instant()))
                .extracting(ArchiveReceipt::key)
                .containsExactlyElementsOf(
                        receipts.stream().map(ArchiveReceipt::key).toList());
        assertThat(archive.list(ContextArchiveKeys.prefix(TABLES, ContextTables.INVESTIGATION, "inv-9")))
                .hasSize(2);
    }

    @Test
    void investigationClosed_withoutEntries_writesNothing() {
        assertThat(new InvestigationContextArchiver(store.investigations(), archive, clock).investigationClosed("none"))
                .isEmpty();
        assertThat(archive.list("context/")).isEmpty();
    }
}
