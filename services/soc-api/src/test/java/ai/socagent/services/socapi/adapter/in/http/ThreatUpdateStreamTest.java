package ai.socagent.services.socapi.adapter.in.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.socagent.services.socapi.domain.ThreatUpdate;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** One follower's queue and writer, with an emitter that stands for a client that stopped reading. */
class ThreatUpdateStreamTest {

    @Test
    void clientThatFallsBehind_getsAnOverflowEventAndTheEnd_whileOffersNeverBlock() throws Exception {
        StalledClient client = new StalledClient();
        ThreatUpdateStream stream = new ThreatUpdateStream(client, 16, Duration.ofSeconds(30));
        AtomicInteger ends = new AtomicInteger();
        stream.start(ends::incrementAndGet);
        // the writer is stuck in its first send (the greeting): nothing drains the queue
        assertThat(client.sendEntered.await(10, TimeUnit.SECONDS)).isTrue();

        long start = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            stream.offer(update(i));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        assertThat(stream.isOpen()).as("ended by the 17th update").isFalse();

        client.release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> ends.get() == 1);
        assertThat(client.completed).isTrue();
        assertThat(client.sent).anySatisfy(event -> assertThat(event).contains("event:overflow"));
    }

    @Test
    void updates_goOutInOrderAsThreatUpdateEvents() throws Exception {
        StalledClient client = new StalledClient();
        client.release.countDown();
        ThreatUpdateStream stream = new ThreatUpdateStream(client, 16, Duration.ofSeconds(30));
        AtomicInteger ends = new AtomicInteger();
        stream.start(ends::incrementAndGet);

        stream.offer(update(1));
        stream.offer(update(2));

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(client.sent.stream()
                                .filter(event -> event.contains("event:threat-update"))
                                .map(event -> event.substring(event.indexOf("id:") + 3, event.indexOf("id:") + 39)))
                        .containsExactly(eventId(1), eventId(2)));
        stream.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> ends.get() == 1);
        assertThat(client.completed).isTrue();
    }

    private static ThreatUpdate update(int i) {
        return new ThreatUpdate(
                eventId(i),
                "Threat Submitted",
                "00000000-0000-4000-8000-000000000001",
                Optional.of("00000000-0000-4000-8000-000000000002"),
                Instant.parse("2026-12-03T10:00:00Z"),
                "Submitted EDR finding Backdoor/C2Beacon");
    }

    private static String eventId(int i) {
        return String.format("00000000-0000-4000-8000-%012d", i);
    }

    /** An emitter whose sends block until released, recording each event's text. */
    private static final class StalledClient extends SseEmitter {
        final CountDownLatch sendEntered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final List<String> sent = new CopyOnWriteArrayList<>();
        volatile boolean completed;

        @Override
        public void send(SseEventBuilder builder) throws IOException {
            sendEntered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            StringBuilder text = new StringBuilder();
            builder.build().forEach(part -> text.append(part.getData()));
            sent.add(text.toString());
        }

        @Override
        public void complete() {
            completed = true;
        }
    }
}
