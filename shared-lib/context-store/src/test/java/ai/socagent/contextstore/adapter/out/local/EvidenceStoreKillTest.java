package ai.socagent.contextstore.adapter.out.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A put is durable when it returns (the 202 promise): a real child JVM ({@link
 * KilledEvidenceWriterMain}) puts without pause and prints each acknowledged put; it is killed with
 * SIGKILL mid-write; the store reopens and returns every acknowledged object, checksum verified.
 */
class EvidenceStoreKillTest {

    @TempDir
    Path directory;

    @Test
    void killedWhilePutting_reopensWithEveryAcknowledgedPut() throws Exception {
        Path location = directory.resolve("evidence-db");
        List<String> acknowledged = new CopyOnWriteArrayList<>();
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "--enable-native-access=ALL-UNNAMED",
                        "-Xmx256m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        KilledEvidenceWriterMain.class.getName(),
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
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no close, no flush
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        reader.join(Duration.ofSeconds(30));
        assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(137);

        assertThat(acknowledged.getFirst()).isEqualTo("open");
        List<String> puts = new ArrayList<>(acknowledged.subList(1, acknowledged.size()));
        assertThat(puts).hasSizeGreaterThan(3_000);
        try (RocksDbEvidenceStore reopened =
                RocksDbEvidenceStore.open(location, Duration.ofDays(1), Clock.systemUTC(), false)) {
            List<String> missing = new ArrayList<>();
            for (String put : puts) {
                int i = Integer.parseInt(put);
                boolean intact = reopened.get(KilledEvidenceWriterMain.INVESTIGATION, KilledEvidenceWriterMain.id(i))
                        .filter(s -> java.util.Arrays.equals(s.content(), KilledEvidenceWriterMain.content(i)))
                        .isPresent();
                if (!intact) {
                    missing.add(put);
                }
            }
            assertThat(missing).as("acknowledged puts lost").isEmpty();
        }
    }
}
