package ai.socagent.contextstore.adapter.out.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.socagent.contextstore.ContextTables;
import ai.socagent.contextstore.PageRequest;
import ai.socagent.contextstore.TimeRange;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
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
        List<String> acknowledged = new CopyOnWriteArrayList<>();
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "--enable-native-access=ALL-UNNAMED",
                        "-Xmx256m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        KilledWriterMain.class.getName(),
                        location.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        Thread reader = Thread.ofPlatform().start(() -> {
            try (BufferedReader lines =
                    new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    acknowledged.add(line);
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() > 3_000 || !child.isAlive());
            assertThat(child.isAlive())
                    .as("the child still writing when killed")
                    .isTrue();
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no close
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        reader.join(Duration.ofSeconds(30));
        assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(137);

        List<String> writes = new ArrayList<>(acknowledged.subList(1, acknowledged.size()));
        assertThat(acknowledged.getFirst()).isEqualTo("open");
        assertThat(writes).hasSizeGreaterThan(3_000);
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
