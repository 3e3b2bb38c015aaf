package ai.socagent.eventbus.inprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.socagent.eventbus.envelope.EventCodec;
import ai.socagent.eventbus.routing.RoutingDefinitions;
import io.opentelemetry.api.OpenTelemetry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 202 is a promise: a real JVM ({@link CrashingPublisher}) publishes through a durable bus with a
 * slow handler and is killed ({@code kill -9}: {@link Process#destroyForcibly()}) in the middle of it;
 * a bus restarted on the same journal delivers every event whose {@code publish} had returned, and
 * never calls the handler again for an event whose completion the journal had committed.
 */
class InProcessEventBusCrashIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path journal;

    @Test
    void killedUnderLoad_restartDeliversEveryPublishedEventExactlyOnce() throws Exception {
        Set<String> published = ConcurrentHashMap.newKeySet();
        Set<String> acked = ConcurrentHashMap.newKeySet();
        Set<String> startedBeforeTheKill = ConcurrentHashMap.newKeySet();
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        CrashingPublisher.class.getName(),
                        journal.toString())
                .redirectError(journal.resolveSibling("child-stderr.txt").toFile())
                .start();
        Thread reader = Thread.ofPlatform().start(() -> {
            try (BufferedReader lines =
                    new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    String[] parts = line.split(" ", 2);
                    switch (parts[0]) {
                        case "PUBLISHED" -> published.add(parts[1]);
                        case "ACKED" -> acked.add(parts[1]);
                        case "STARTED" -> startedBeforeTheKill.add(parts[1]);
                        default -> {}
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            // Mid-load: a backlog of published events, some handled, many not yet.
            await().atMost(PATIENCE).until(() -> published.size() >= 2_000 && acked.size() >= 20);
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no close, no last commit
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            reader.join(TimeUnit.SECONDS.toMillis(30));
        }
        Set<String> ackedBeforeTheKill = Set.copyOf(acked);
        Set<String> waiting = new HashSet<>(published);
        waiting.removeAll(ackedBeforeTheKill);
        assertThat(waiting).as("published but not yet handled when killed").isNotEmpty();

        List<String> handledAfterRestart = new CopyOnWriteArrayList<>();
        try (InProcessEventBus restarted = InProcessEventBus.durable(
                RoutingDefinitions.bundled(),
                EventCodec.create(),
                InProcessEventBus.Journal.in(journal),
                InProcessEventBus.Options.defaults(),
                OpenTelemetry.noop())) {
            DeliveryJournal kept = (DeliveryJournal) restarted.store();
            restarted.subscribe("investigation", event -> handledAfterRestart.add(event.deduplicationId()));
            restarted.start();

            await().atMost(PATIENCE).until(() -> kept.pendingDeliveries() == 0);
            await().atMost(PATIENCE).until(() -> published.stream().allMatch(id -> kept.claimed("investigation", id)));
            // Every delivery the journal gave back reached the handler (none failed, none was a duplicate).
            assertThat(handledAfterRestart).isNotEmpty().hasSize((int) restarted.replayedCount());
        }
        // Nothing acknowledged (publish returned) is lost: every event's completion is in the journal
        // (checked above), handled after the restart or before the kill. An event not handled again
        // although the child never printed ACKED had its completion committed just before the kill.
        Set<String> notHandledAgain = new HashSet<>(waiting);
        handledAfterRestart.forEach(notHandledAgain::remove);
        assertThat(startedBeforeTheKill).containsAll(notHandledAgain);
        // A handler whose completion was committed is not called again, and nothing twice after it.
        assertThat(handledAfterRestart).doesNotContainAnyElementsOf(ackedBeforeTheKill);
        assertThat(handledAfterRestart).doesNotHaveDuplicates();
        assertThat(startedBeforeTheKill).containsAll(ackedBeforeTheKill);
    }
}
