package ai.socagent.contextstore.adapter.out.embedded;

import ai.socagent.contextstore.AgentContextEntry;
import ai.socagent.contextstore.ContextTables;
import ai.socagent.contextstore.GlobalContextEntry;
import ai.socagent.contextstore.InvestigationContextEntry;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The child JVM of {@link EmbeddedStoreKillTest}: two threads write the classifier's three entries
 * per index, as fast as they can, until the JVM is killed; after each create returns it prints
 * {@code <table> <index>}, so every printed line is a write the store acknowledged.
 */
public final class KilledWriterMain {

    static final Instant AT = Instant.parse("2026-11-26T12:00:00Z");
    static final String PAYLOAD = "{\"classification\":{\"category\":\"BACKDOOR\",\"techniques\":[\"T1071.001\"]},"
            + "\"rationale\":\"" + "CTID GuardDuty mapping lists Backdoor:EC2/C&CActivity.B ".repeat(12) + "\"}";

    private KilledWriterMain() {}

    public static void main(String[] args) throws Exception {
        Path location = Path.of(args[0]);
        EmbeddedContextStore store = EmbeddedContextStore.open(location, ContextTables.forEnvironment("kill"));
        PrintStream out = System.out;
        AtomicInteger next = new AtomicInteger();
        out.println("open");
        out.flush();
        Runnable writer = () -> {
            while (true) {
                int i = next.getAndIncrement();
                store.investigations()
                        .create(InvestigationContextEntry.of(id(i), "classification", AT, "ThreatClassifier", PAYLOAD));
                acknowledge(out, "investigation " + i);
                store.agents().create(AgentContextEntry.of("ThreatClassifier", id(i), AT, "{\"i\":" + i + "}"));
                acknowledge(out, "agent " + i);
                store.global()
                        .create(GlobalContextEntry.of("threat-classification", AT, id(i), "BACKDOOR", "HIGH", PAYLOAD));
                acknowledge(out, "global " + i);
            }
        };
        Thread first = Thread.ofPlatform().start(writer);
        Thread second = Thread.ofPlatform().start(writer);
        first.join();
        second.join();
    }

    static String id(int i) {
        return "threat-" + i;
    }

    private static void acknowledge(PrintStream out, String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}
