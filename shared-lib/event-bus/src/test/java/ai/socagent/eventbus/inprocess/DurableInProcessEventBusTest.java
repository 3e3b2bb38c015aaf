package ai.socagent.eventbus.inprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.socagent.domain.event.DomainEvent;
import ai.socagent.eventbus.InboundEvent;
import ai.socagent.eventbus.RetryPolicy;
import ai.socagent.eventbus.SampleEvents;
import ai.socagent.eventbus.TraceContext;
import ai.socagent.eventbus.envelope.EventCodec;
import ai.socagent.eventbus.routing.RoutingDefinitions;
import io.opentelemetry.api.OpenTelemetry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the journal keeps across restarts of the bus, and what it does not keep at all. */
class DurableInProcessEventBusTest {

    private static final TraceContext TRACE = TraceContext.newRoot();
    private static final RetryPolicy FAST = new RetryPolicy(Duration.ofMillis(5), 2.0, Duration.ofMillis(50));
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @TempDir
    Path journal;

    private InProcessEventBus bus;

    @AfterEach
    void close() {
        if (bus != null) {
            bus.close();
        }
    }

    private InProcessEventBus restart(Duration idempotencyTtl) {
        if (bus != null) {
            bus.close();
        }
        InProcessEventBus.Options defaults =
                InProcessEventBus.Options.defaults().withRetry(FAST);
        bus = InProcessEventBus.durable(
                RoutingDefinitions.bundled(),
                EventCodec.create(),
                InProcessEventBus.Journal.in(journal),
                new InProcessEventBus.Options(
                        defaults.concurrency(),
                        defaults.priorityConcurrency(),
                        defaults.capacity(),
                        FAST,
                        idempotencyTtl),
                OpenTelemetry.noop());
        return bus;
    }

    private InProcessEventBus restart() {
        return restart(Duration.ofHours(24));
    }

    @Test
    void restart_deliveryNotHandledBeforeTheProcessEnded_isDeliveredAtTheNextStart() {
        DomainEvent submitted = SampleEvents.all().getFirst();
        restart().publish(submitted, TRACE); // no handler yet, not started: kept for later

        List<InboundEvent> handled = new CopyOnWriteArrayList<>();
        restart().subscribe("threat-classifier", handled::add);
        bus.start();

        await().atMost(PATIENCE).until(() -> handled.size() == 1);
        assertThat(handled.getFirst()).isEqualTo(new InboundEvent.PipelineEvent(submitted, TRACE));
        assertThat(bus.replayedCount()).isEqualTo(1);

        List<InboundEvent> again = new CopyOnWriteArrayList<>();
        restart().subscribe("threat-classifier", again::add);
        bus.start();
        await().during(Duration.ofMillis(500)).atMost(PATIENCE).until(again::isEmpty);
        assertThat(bus.replayedCount()).isZero();
    }

    @Test
    void restart_handledEventPublishedAgain_isNotHandledTwice() {
        DomainEvent executed = SampleEvents.all().get(7);
        List<InboundEvent> handled = new CopyOnWriteArrayList<>();
        restart().subscribe("audit-trail", handled::add);
        bus.start();
        bus.publish(executed, TRACE);
        await().atMost(PATIENCE).until(() -> handled.size() == 1);

        restart().subscribe("audit-trail", handled::add);
        bus.start();
        bus.publish(executed, TRACE);

        await().atMost(PATIENCE).until(() -> bus.duplicateCount() == 1);
        assertThat(handled).hasSize(1);
    }

    @Test
    void claim_afterItsTtl_letsTheEventBeHandledAgain() {
        DomainEvent executed = SampleEvents.all().get(7);
        List<InboundEvent> handled = new CopyOnWriteArrayList<>();
        restart(Duration.ofMillis(50)).subscribe("audit-trail", handled::add);
        bus.start();
        bus.publish(executed, TRACE);
        await().atMost(PATIENCE).until(() -> handled.size() == 1);

        // Past the claim's 50 ms: the same event id is new again.
        await().pollDelay(Duration.ofMillis(100)).until(() -> true);
        bus.publish(executed, TRACE);

        await().atMost(PATIENCE).until(() -> handled.size() == 2);
        assertThat(bus.duplicateCount()).isZero();
    }

    @Test
    void restart_deadLettersStayAndARedriveAfterTheFixHandlesThem() {
        DomainEvent planned = SampleEvents.all().get(6);
        restart().subscribe("dashboard", event -> {
            throw new IllegalStateException("websocket closed");
        });
        bus.start();
        bus.publish(planned, TRACE);
        await().atMost(PATIENCE).until(() -> bus.deadLetters("dashboard").size() == 1);
        DeadLetter dead = bus.deadLetters("dashboard").getFirst();

        List<InboundEvent> handled = new CopyOnWriteArrayList<>();
        restart().subscribe("dashboard", handled::add);
        bus.start();

        assertThat(bus.deadLetters("dashboard")).containsExactly(dead);
        assertThat(dead.reason()).startsWith("HANDLER_FAILED after 3 attempts").contains("websocket closed");
        assertThat(bus.redrive("dashboard", letter -> true)).containsExactly(dead);
        await().atMost(PATIENCE).until(() -> handled.size() == 1);
        assertThat(handled.getFirst().deduplicationId()).isEqualTo(planned.eventId());

        restart().start();
        assertThat(bus.deadLetters("dashboard")).isEmpty();
    }

    @Test
    void started_queueWithoutHandler_isDroppedCountedAndNotKept() {
        restart().subscribe("investigation", event -> {});
        bus.start();
        DomainEvent classified = SampleEvents.all().get(1); // -> investigation, audit-trail, threat-intelligence

        bus.publish(classified, TRACE);

        await().atMost(PATIENCE).until(() -> bus.deliveredCount() == 1);
        assertThat(bus.droppedCount()).isEqualTo(2);

        List<InboundEvent> later = new CopyOnWriteArrayList<>();
        restart().subscribe("audit-trail", later::add);
        bus.subscribe("threat-intelligence", later::add);
        bus.start();
        await().during(Duration.ofMillis(500)).atMost(PATIENCE).until(later::isEmpty);
        assertThat(bus.replayedCount()).isZero();
    }

    @Test
    void start_heldForAQueueNobodySubscribedTo_isDroppedThenAndGoneFromTheJournal() {
        restart().publish(SampleEvents.all().getFirst(), TRACE); // threat-classifier, no handler

        bus.start();

        assertThat(bus.droppedCount()).isEqualTo(1);
        List<InboundEvent> handled = new CopyOnWriteArrayList<>();
        restart().subscribe("threat-classifier", handled::add);
        bus.start();
        await().during(Duration.ofMillis(500)).atMost(PATIENCE).until(handled::isEmpty);
    }
}
