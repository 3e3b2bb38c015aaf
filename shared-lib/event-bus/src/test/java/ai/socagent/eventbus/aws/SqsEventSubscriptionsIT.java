package ai.socagent.eventbus.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.socagent.domain.event.DomainEvent;
import ai.socagent.domain.event.EmergencyThreatDetected;
import ai.socagent.eventbus.InboundEvent;
import ai.socagent.eventbus.RetryPolicy;
import ai.socagent.eventbus.SampleEvents;
import ai.socagent.eventbus.TraceContext;
import ai.socagent.eventbus.envelope.EventCodec;
import ai.socagent.eventbus.inprocess.InMemoryIdempotencyStore;
import ai.socagent.eventbus.routing.RoutingDefinition;
import ai.socagent.eventbus.routing.RoutingDefinitions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SqsEventSubscriptions in the emulator: a subscribed queue is consumed once per event, priority queues
 * concurrently; stopped (as a closing context does) and started again, nothing is lost.
 */
class SqsEventSubscriptionsIT {

    private static final RoutingDefinition DEFINITION = RoutingDefinitions.bundled();
    private static final TraceContext TRACE = TraceContext.newRoot();
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private static MotoBus.Clients clients;

    private MotoBus bus;
    private SqsEventSubscriptions subscriptions;

    @BeforeAll
    static void clients() {
        clients = MotoBus.clients();
    }

    @AfterAll
    static void closeClients() {
        if (clients != null) {
            clients.close();
        }
    }

    @BeforeEach
    void bootstrap() {
        bus = MotoBus.bootstrap(clients, DEFINITION, "s");
        subscriptions = SqsEventSubscriptions.create(
                clients.sqsAsync(),
                DEFINITION,
                bus.queueUrls(),
                EventCodec.create(),
                InMemoryIdempotencyStore.create(),
                new SqsEventSubscriptions.Settings(
                        1, 3, new RetryPolicy(Duration.ZERO, 1.0, Duration.ZERO), Duration.ofHours(1), 1));
    }

    @AfterEach
    void teardown() {
        if (subscriptions != null) {
            subscriptions.close();
        }
        if (bus != null) {
            bus.close();
        }
    }

    private void publish(List<? extends DomainEvent> published) {
        EventBridgePublisher.create(clients.events(), bus.busName(), EventCodec.create())
                .publish(published, TRACE);
    }

    @Test
    void subscribe_queueFoundByNameAndSuffix_handlesTheEventOnceEvenWhenPublishedTwice() {
        List<InboundEvent> handled = new CopyOnWriteArrayList<>();
        subscriptions.subscribe("dashboard", handled::add);
        DomainEvent planned = SampleEvents.all().get(6);

        publish(List.of(planned));
        publish(List.of(planned));

        await().atMost(PATIENCE).until(() -> handled.size() == 1);
        await().during(Duration.ofSeconds(2)).atMost(PATIENCE).until(() -> handled.size() == 1);
        assertThat(handled.getFirst()).isEqualTo(new InboundEvent.PipelineEvent(planned, TRACE));
    }

    @Test
    void stopAndStart_eventsPublishedWhileStoppedWaitInTheQueueAndAreHandledAfterTheStart() {
        List<InboundEvent> handled = new CopyOnWriteArrayList<>();
        subscriptions.subscribe("dashboard", handled::add);
        assertThat(subscriptions.isRunning()).isTrue();

        subscriptions.stop();
        assertThat(subscriptions.isRunning()).isFalse();
        DomainEvent planned = SampleEvents.all().get(6);
        publish(List.of(planned));
        await().during(Duration.ofSeconds(2)).atMost(PATIENCE).until(handled::isEmpty);

        subscriptions.start();

        await().atMost(PATIENCE).until(() -> handled.size() == 1);
        assertThat(handled.getFirst()).isEqualTo(new InboundEvent.PipelineEvent(planned, TRACE));
    }

    @Test
    void subscribe_priorityQueue_handlesItsEventsConcurrently() {
        EmergencyThreatDetected emergency =
                (EmergencyThreatDetected) SampleEvents.all().get(2);
        List<EmergencyThreatDetected> emergencies = IntStream.range(0, 3)
                .mapToObj(i -> new EmergencyThreatDetected(
                        UUID.randomUUID().toString(),
                        emergency.correlationId(),
                        emergency.occurredAt(),
                        emergency.schemaVersion(),
                        emergency.threatId(),
                        emergency.investigationId(),
                        emergency.classification(),
                        emergency.reason()))
                .toList();
        CountDownLatch allInFlight = new CountDownLatch(3);
        List<Boolean> sawTheOthers = new CopyOnWriteArrayList<>();
        subscriptions.subscribe("emergency-workflow", event -> {
            allInFlight.countDown();
            // Only true when three handler calls run at the same time.
            sawTheOthers.add(allInFlight.await(15, TimeUnit.SECONDS));
        });

        publish(emergencies);

        await().atMost(PATIENCE).until(() -> sawTheOthers.size() == 3);
        assertThat(sawTheOthers).containsExactly(true, true, true);
    }

    @Test
    void subscribe_queueWithItsOwnConcurrency_handlesThatManyAtOnceOnVirtualThreadsWhileOtherQueuesFlow() {
        subscriptions.close();
        subscriptions = SqsEventSubscriptions.create(
                clients.sqsAsync(),
                DEFINITION,
                bus.queueUrls(),
                EventCodec.create(),
                InMemoryIdempotencyStore.create(),
                new SqsEventSubscriptions.Settings(
                        1,
                        3,
                        new RetryPolicy(Duration.ZERO, 1.0, Duration.ZERO),
                        Duration.ofHours(1),
                        1,
                        Map.of("investigation", 12)));
        // 30 classifications: investigation's handler waits (as for a model), audit-trail's does not.
        CountDownLatch modelAnswers = new CountDownLatch(1);
        AtomicInteger waiting = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        List<Boolean> virtual = new CopyOnWriteArrayList<>();
        AtomicInteger audited = new AtomicInteger();
        subscriptions.subscribe("investigation", event -> {
            mostAtOnce.accumulateAndGet(waiting.incrementAndGet(), Math::max);
            virtual.add(Thread.currentThread().isVirtual());
            modelAnswers.await(30, TimeUnit.SECONDS);
            waiting.decrementAndGet();
        });
        subscriptions.subscribe("audit-trail", event -> audited.incrementAndGet());

        publish(IntStream.range(0, 30).mapToObj(i -> SampleEvents.all().get(1)).toList());

        await().atMost(PATIENCE).until(() -> waiting.get() == 12);
        // the audit trail (one handler, concurrency 1) drains while twelve investigation handlers wait
        await().atMost(PATIENCE).until(() -> audited.get() == 30);
        assertThat(mostAtOnce.get()).isEqualTo(12);
        modelAnswers.countDown();
        await().atMost(PATIENCE).until(() -> virtual.size() == 30);
        assertThat(virtual).containsOnly(true);
        assertThat(mostAtOnce.get()).isEqualTo(12);
    }
}
