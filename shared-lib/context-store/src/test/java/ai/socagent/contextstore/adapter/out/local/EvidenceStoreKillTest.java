package ai.socagent.contextstore.adapter.out.local;

import static org.assertj.core.api.Assertions.assertThat;

import ai.socagent.contextstore.KilledWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
        List<String> puts = KilledWriter.acknowledgedBeforeKill(KilledEvidenceWriterMain.class, location, 3_000);
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
