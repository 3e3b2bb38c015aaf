package ai.socagent.contextstore.adapter.out.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import ai.socagent.contextstore.AgentContextEntry;
import ai.socagent.contextstore.ContextStore;
import ai.socagent.contextstore.ContextStoreContract;
import ai.socagent.contextstore.ContextStoreException;
import ai.socagent.contextstore.ContextTables;
import ai.socagent.contextstore.CursorCodec;
import ai.socagent.contextstore.GlobalContextEntry;
import ai.socagent.contextstore.InvestigationContextEntry;
import ai.socagent.contextstore.PageRequest;
import ai.socagent.contextstore.TimeRange;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract on local disk, plus what only a file can show: it survives a restart. */
class EmbeddedContextStoreTest extends ContextStoreContract {

    @TempDir
    Path directory;

    private Path file() {
        return directory.resolve("context").resolve("context-store.mv");
    }

    @Override
    protected String environment() {
        return "test";
    }

    @Override
    protected ContextStore openStore(ContextTables tables, Clock clock) {
        return EmbeddedContextStore.open(file(), tables, clock, CursorCodec.create());
    }

    @Override
    protected Collection<String> existingTableNames(ContextStore openStore) {
        return ((EmbeddedContextStore) openStore).storedMapNames();
    }

    @Test
    void reopen_afterClose_findsAndQueriesWhatWasWritten() {
        String investigation = unique("inv");
        Instant at = START.minusSeconds(60);
        InvestigationContextEntry stored = store.investigations()
                .create(InvestigationContextEntry.of(investigation, "evidence", at, "Inv", "{\"kept\":true}"));
        GlobalContextEntry global =
                store.global().create(GlobalContextEntry.of(unique("pattern"), at, "item-1", "Trojan", "HIGH", "{}"));
        store.close();

        store = openStore(ContextTables.forEnvironment(environment()), clock);

        assertThat(store.investigations().find(investigation, "evidence", at)).contains(stored);
        assertThat(store.investigations()
                        .findByAgent(investigation, "Inv", TimeRange.between(at, at), PageRequest.first(5))
                        .items())
                .containsExactly(stored);
        assertThat(store.global()
                        .findByThreatType("Trojan", TimeRange.between(at, at), PageRequest.first(5))
                        .items())
                .contains(global);
    }

    @Test
    void reopen_afterTheTtlPassed_stillTreatsExpiredEntriesAsAbsent() {
        String agent = unique("agent");
        Instant at = START.minusSeconds(60);
        store.agents().create(AgentContextEntry.of(agent, "s", at, "{}"));
        store.close();
        clock.advance(Duration.ofDays(1).plusSeconds(1));

        store = openStore(ContextTables.forEnvironment(environment()), clock);

        assertThat(store.agents().find(agent, "s", at)).isEmpty();
    }

    @Test
    void open_fileHeldByAnotherStore_throwsContextStoreException() {
        assertThatExceptionOfType(ContextStoreException.class)
                .isThrownBy(() -> openStore(ContextTables.forEnvironment(environment()), clock))
                .withMessageContaining("cannot open the context store file");
    }

    @Test
    void open_whereAFileOfTheOldMvStoreLayoutLies_movesItAsideAndStartsEmpty() throws Exception {
        Path old = directory.resolve("legacy").resolve("context-store.mv");
        java.nio.file.Files.createDirectories(old.getParent());
        java.nio.file.Files.writeString(old, "H:2,block:0,format:3 (an MVStore file)");

        try (EmbeddedContextStore opened =
                EmbeddedContextStore.open(old, ContextTables.forEnvironment("legacy"), clock, CursorCodec.create())) {
            assertThat(opened.global().find("pattern", T0, "item-1")).isEmpty();
            opened.global().create(GlobalContextEntry.of("pattern", T0, "item-1", null, null, "{}"));
        }

        assertThat(old).isDirectory();
        assertThat(old.resolveSibling("context-store.mv.mvstore-old"))
                .hasContent("H:2,block:0,format:3 (an MVStore file)");
    }
}
