package ai.socagent.eventbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.socagent.domain.event.DomainEvent;
import ai.socagent.eventbus.DeadLetterOperations.DeadLetterMessage;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * What the DLQ inspector does on every bus: the in-process bus and SQS both pass these tests. Events
 * to the dashboard queue (maxReceiveCount 3) fail until the test "fixes" the handler. Implementations
 * wire a fresh bus per test with a fast retry policy.
 */
public abstract class DeadLetterOperationsContract {

    protected static final TraceContext TRACE = TraceContext.newRoot();
    protected static final RetryPolicy FAST_RETRY = new RetryPolicy(Duration.ofMillis(5), 2.0, Duration.ofMillis(50));
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final String QUEUE = "dashboard";

    private final AtomicBoolean broken = new AtomicBoolean(true);
    private final List<String> handled = new CopyOnWriteArrayList<>();

    /** Publishes pipeline events. */
    protected abstract void publish(List<DomainEvent> events, TraceContext trace);

    /** Subscribes the consumer of {@code queue}. */
    protected abstract void subscribe(String queue, EventHandler handler);

    /** The operations under test, on the bus of this test. */
    protected abstract DeadLetterOperations operations();

    private void subscribeTheDashboard() {
        subscribe(QUEUE, event -> {
            if (broken.get()) {
                throw new IllegalStateException("websocket closed");
            }
            handled.add(event.deduplicationId());
        });
    }

    private List<DeadLetterMessage> deadLettersOnceThereAre(int count) {
        await().atMost(PATIENCE).until(() -> operations().list(QUEUE, 10).size() == count);
        return operations().list(QUEUE, 10);
    }

    @Test
    void list_afterTheHandlerKeptFailing_showsTheEventWithReasonAndReceiveCountAndLeavesIt() {
        subscribeTheDashboard();
        DomainEvent planned = SampleEvents.all().get(6);

        publish(List.of(planned), TRACE);

        DeadLetterMessage dead = deadLettersOnceThereAre(1).getFirst();
        assertThat(dead.queue()).isEqualTo(QUEUE);
        assertThat(dead.reason()).startsWith("HANDLER_FAILED after 3 attempts").contains("websocket closed");
        assertThat(dead.receiveCount()).isEqualTo(3);
        assertThat(dead.eventJson()).contains(planned.eventId());
        assertThat(operations().list(QUEUE, 10))
                .extracting(DeadLetterMessage::id)
                .containsExactly(dead.id());
    }

    @Test
    void redrive_selectedAfterTheFix_isHandledOnceAndTheOtherStays() {
        subscribeTheDashboard();
        DomainEvent planned = SampleEvents.all().get(6);
        DomainEvent executed = SampleEvents.all().get(7);
        publish(List.of(planned, executed), TRACE);
        List<DeadLetterMessage> dead = deadLettersOnceThereAre(2);
        DeadLetterMessage chosen = dead.stream()
                .filter(d -> d.eventJson().contains(planned.eventId()))
                .findFirst()
                .orElseThrow();
        broken.set(false);

        int moved = operations().redrive(QUEUE, Set.of(chosen.id()));
        int movedAgain = operations().redrive(QUEUE, Set.of(chosen.id()));

        assertThat(moved).isEqualTo(1);
        assertThat(movedAgain).isZero();
        await().atMost(PATIENCE).until(() -> handled.contains(planned.eventId()));
        assertThat(operations().list(QUEUE, 10))
                .singleElement()
                .satisfies(d -> assertThat(d.eventJson()).contains(executed.eventId()));
        await().during(Duration.ofSeconds(1)).atMost(PATIENCE).until(() -> handled.equals(List.of(planned.eventId())));
    }

    @Test
    void redriveAll_afterTheFix_handlesEveryEventAndEmptiesTheDeadLetterQueue() {
        subscribeTheDashboard();
        DomainEvent planned = SampleEvents.all().get(6);
        DomainEvent executed = SampleEvents.all().get(7);
        publish(List.of(planned, executed), TRACE);
        deadLettersOnceThereAre(2);
        broken.set(false);

        int moved = operations().redriveAll(QUEUE);

        assertThat(moved).isEqualTo(2);
        await().atMost(PATIENCE).until(() -> handled.size() == 2);
        assertThat(handled).containsExactlyInAnyOrder(planned.eventId(), executed.eventId());
        assertThat(operations().list(QUEUE, 10)).isEmpty();
    }
}
