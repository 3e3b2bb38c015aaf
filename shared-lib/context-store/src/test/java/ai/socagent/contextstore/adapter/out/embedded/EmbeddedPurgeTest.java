package ai.socagent.contextstore.adapter.out.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import ai.socagent.contextstore.AgentContextEntry;
import ai.socagent.contextstore.ArchiveBatch;
import ai.socagent.contextstore.ArchiveReason;
import ai.socagent.contextstore.ArchiveReceipt;
import ai.socagent.contextstore.ArchivedEntry;
import ai.socagent.contextstore.ContextArchive;
import ai.socagent.contextstore.ContextArchiveException;
import ai.socagent.contextstore.ContextArchiveKeys;
import ai.socagent.contextstore.ContextTables;
import ai.socagent.contextstore.CursorCodec;
import ai.socagent.contextstore.GlobalContextEntry;
import ai.socagent.contextstore.InvestigationContextEntry;
import ai.socagent.contextstore.MutableClock;
import ai.socagent.contextstore.PageRequest;
import ai.socagent.contextstore.TimeRange;
import ai.socagent.contextstore.adapter.out.local.LocalDirectoryContextArchive;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store's purge: expired entries go to the archive (local directory) first and are
 * removed from the file only then. "Removed" is checked by reopening the file with a clock from
 * before the expiry, under which an entry still in the file would be found again.
 */
class EmbeddedPurgeTest {

    private static final Instant START = Instant.parse("2026-11-26T12:00:00Z");
    private static final ContextTables TABLES = ContextTables.forEnvironment("purge");

    @TempDir
    Path directory;

    private final MutableClock clock = new MutableClock(START);
    private EmbeddedContextStore store;
    private ContextArchive archive;

    @BeforeEach
    void open() {
        store = EmbeddedContextStore.open(file(), TABLES, clock, CursorCodec.create());
        archive = LocalDirectoryContextArchive.create(directory.resolve("archive"), TABLES);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private Path file() {
        return directory.resolve("context-store.mv");
    }

    @Test
    void purgeExpired_archivesEachExpiredEntryWithTtlExpiry_thenRemovesIt_andKeepsLiveOnes() {
        AgentContextEntry agent = store.agents().create(AgentContextEntry.of("agent-1", "s", START, "{\"m\":1}"));
        AgentContextEntry agentSameSession =
                store.agents().create(AgentContextEntry.of("agent-1", "s", START.plusSeconds(1), "{\"m\":2}"));
        GlobalContextEntry global =
                store.global().create(GlobalContextEntry.of("pattern", START, "item-1", "Trojan", "HIGH", "{}"));
        InvestigationContextEntry investigation = store.investigations()
                .create(InvestigationContextEntry.of("inv-1", "evidence", START, "Investigation", "{}"));
        clock.advance(Duration.ofHours(25)); // past the agent TTL (24 h) only
        AgentContextEntry live = store.agents().create(AgentContextEntry.of("agent-1", "s", clock.instant(), "{}"));

        assertThat(store.purgeExpired(archive)).isEqualTo(2);

        List<String> keys = archive.list(ContextArchiveKeys.prefix(TABLES, ContextTables.AGENT, "agent-1"));
        assertThat(keys).singleElement().asString().contains("/2026/11/27/expired-");
        ArchiveBatch batch = archive.read(keys.getFirst()).orElseThrow();
        assertThat(batch.entries()).extracting(ArchivedEntry::reason).containsOnly(ArchiveReason.TTL_EXPIRY);
        assertThat(batch.entries()).extracting(ArchivedEntry::asAgent).containsExactly(agent, agentSameSession);
        assertThat(archive.list("context/purge-GlobalContextTable/")).isEmpty();

        clock.advance(Duration.ofDays(30)); // now global (7 d) and investigation (30 d) expire too
        assertThat(store.purgeExpired(archive)).isEqualTo(3);
        assertThat(store.purgeExpired(archive)).isZero();
        assertThat(archive.read(archive.list("context/purge-GlobalContextTable/")
                                .getFirst())
                        .orElseThrow()
                        .entries())
                .extracting(ArchivedEntry::asGlobal)
                .containsExactly(global);
        assertThat(archive.list("context/purge-InvestigationContextTable/")).hasSize(1);
        assertThat(archive.list("context/purge-AgentContextTable/")).hasSize(2);

        store.close();
        store = EmbeddedContextStore.open(file(), TABLES, Clock.fixed(START, ZoneOffset.UTC), CursorCodec.create());
        assertThat(store.agents().find("agent-1", "s", START)).isEmpty();
        assertThat(store.global().find("pattern", START, "item-1")).isEmpty();
        assertThat(store.global()
                        .findByThreatType("Trojan", TimeRange.between(START, START), PageRequest.first(10))
                        .items())
                .isEmpty();
        assertThat(store.investigations().find("inv-1", "evidence", START)).isEmpty();
        assertThat(investigation.version()).isEqualTo(1);
        assertThat(live.version()).isEqualTo(1);
    }

    @Test
    void purgeExpired_whenTheArchiveFails_removesNothingOfThatPartition() {
        store.agents().create(AgentContextEntry.of("agent-2", "s", START, "{}"));
        clock.advance(Duration.ofDays(2));
        ContextArchive failing = new ContextArchive() {
            @Override
            public ArchiveReceipt archive(ArchiveBatch batch) {
                throw new ContextArchiveException("disk full (test)");
            }

            @Override
            public Optional<ArchiveBatch> read(String key) {
                return Optional.empty();
            }

            @Override
            public List<String> list(String prefix) {
                return List.of();
            }
        };

        assertThatExceptionOfType(ContextArchiveException.class).isThrownBy(() -> store.purgeExpired(failing));

        store.close();
        store = EmbeddedContextStore.open(file(), TABLES, Clock.fixed(START, ZoneOffset.UTC), CursorCodec.create());
        assertThat(store.agents().find("agent-2", "s", START)).isPresent();
        store.close();
        store = EmbeddedContextStore.open(file(), TABLES, clock, CursorCodec.create());
        assertThat(store.purgeExpired(archive)).isEqualTo(1);
    }

    @Test
    void purgeExpired_afterACreateReplacedTheExpiredEntry_keepsTheNewOne() {
        store.agents().create(AgentContextEntry.of("agent-3", "s", START, "{\"old\":true}"));
        clock.advance(Duration.ofDays(2));
        AgentContextEntry replacement =
                store.agents().create(AgentContextEntry.of("agent-3", "s", START, "{\"new\":true}"));

        assertThat(store.purgeExpired(archive)).isZero();
        assertThat(store.agents().find("agent-3", "s", START)).contains(replacement);
    }
}
