package ai.socagent.contextstore.adapter.out.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import ai.socagent.contextstore.ContextTables;
import ai.socagent.contextstore.KilledWriter;
import ai.socagent.contextstore.PageRequest;
import ai.socagent.contextstore.TimeRange;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write is durable when create returns: a real child JVM ({@link KilledWriterMain}) writes
 * without pause and prints each acknowledged write; it is killed with SIGKILL mid-write; the store
 * reopens (not corrupt) and holds every write the child reported.
 */
class EmbeddedStoreKillTest {

    @TempDir
    Path directory;

    @Test
    void killedWhileWriting_reopensWithEveryAcknowledgedWrite() throws Exception {
        Path location = directory.resolve("context-store");
        List<String> writes = KilledWriter.acknowledgedBeforeKill(KilledWriterMain.class, location, 3_000);
        try (EmbeddedContextStore reopened =
                EmbeddedContextStore.open(location, ContextTables.forEnvironment("kill"))) {
            List<String> missing = new ArrayList<>();
            for (String write : writes) {
                String[] parts = write.split(" ");
                String id = KilledWriterMain.id(Integer.parseInt(parts[1]));
                boolean found = switch (parts[0]) {
                    case "investigation" ->
                        reopened.investigations()
                                .find(id, "classification", KilledWriterMain.AT)
                                .isPresent();
                    case "agent" ->
                        reopened.agents()
                                .find("ThreatClassifier", id, KilledWriterMain.AT)
                                .isPresent();
                    case "global" ->
                        reopened.global()
                                .find("threat-classification", KilledWriterMain.AT, id)
                                .isPresent();
                    default -> throw new AssertionError("unexpected line " + write);
                };
                if (!found) {
                    missing.add(write);
                }
            }
            assertThat(missing).as("acknowledged writes lost").isEmpty();
            // the indexes came back with the items: every acknowledged global entry is in its GSI
            long globals = writes.stream().filter(w -> w.startsWith("global ")).count();
            assertThat(reopened.global()
                            .findByThreatType(
                                    "BACKDOOR",
                                    TimeRange.between(KilledWriterMain.AT, KilledWriterMain.AT),
                                    PageRequest.first(1000))
                            .items())
                    .hasSize((int) Math.min(globals, 1000));
        }
    }
}
