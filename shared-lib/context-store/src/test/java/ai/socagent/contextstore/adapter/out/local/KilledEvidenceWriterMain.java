package ai.socagent.contextstore.adapter.out.local;

import ai.socagent.contextstore.Evidence;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The child JVM of {@link EvidenceStoreKillTest}: two threads put evidence as fast as they can until
 * the JVM is killed, printing {@code <index>} after each put returned (an acknowledged put: what the
 * API's 202 promises).
 */
public final class KilledEvidenceWriterMain {

    static final String INVESTIGATION = "inv-kill";

    private KilledEvidenceWriterMain() {}

    public static void main(String[] args) throws Exception {
        RocksDbEvidenceStore store =
                RocksDbEvidenceStore.open(Path.of(args[0]), Duration.ofDays(1), Clock.systemUTC(), false);
        PrintStream out = System.out;
        AtomicInteger next = new AtomicInteger();
        out.println("open");
        out.flush();
        Runnable writer = () -> {
            while (true) {
                int i = next.getAndIncrement();
                store.put(new Evidence(INVESTIGATION, id(i), content(i), "application/json", Map.of("n", "" + i)));
                synchronized (out) {
                    out.println(i);
                    out.flush();
                }
            }
        };
        Thread first = Thread.ofPlatform().start(writer);
        Thread second = Thread.ofPlatform().start(writer);
        first.join();
        second.join();
    }

    static String id(int i) {
        return "raw-finding-" + i;
    }

    static byte[] content(int i) {
        return ("{\"finding\":" + i + ",\"detail\":\"" + "GuardDuty Backdoor:EC2/C&CActivity.B ".repeat(40) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
