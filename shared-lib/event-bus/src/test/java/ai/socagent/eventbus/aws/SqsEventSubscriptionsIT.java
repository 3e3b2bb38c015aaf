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
import ai.socagent.testsupport.backends.AwsEndpoint;
import ai.socagent.testsupport.backends.BackendMode;
import ai.socagent.testsupport.backends.TestBackends;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * SqsEventSubscriptions in the emulator: a subscribed queue is consumed once per event, priority queues
 * concurrently; stopped (as a closing context does) and started again, nothing is lost.
 */
class SqsEventSubscriptionsIT {

    private static final RoutingDefinition DEFINITION = RoutingDefinitions.bundled();
    private static final TraceContext TRACE = TraceContext.newRoot();
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private static EventBridgeClient events;
    private static SqsClient sqs;
    private static SnsClient sns;

    private LocalBusBootstrapper bootstrapper;
    private BootstrappedBus bus;
    private SqsEventSubscriptions subscriptions;

    @BeforeAll
    static void clients() {
        AwsEndpoint aws = TestBackends.aws();
        events = aws.configure(EventBridgeClient.builder()).build();
        sqs = aws.configure(SqsClient.builder()).build();
        sns = aws.configure(SnsClient.builder()).build();
    }

    @AfterAll
    static void closeClients() {
        if (events != null) {
            events.close();
            sqs.close();
            sns.close();
        }
    }

    @BeforeEach
    void bootstrap() {
        bootstrapper = LocalBusBootstrapper.create(events, sqs, sns);
        if (TestBackends.mode() == BackendMode.PROCESS) {
            bootstrapper = bootstrapper.withTopicTargetsAsQueues();
        }
        bus = bootstrapper.bootstrap(
                DEFINITION, "-" + TestBackends.uniqueName("s").substring(2));
        String suffix =
                bus.queueUrl("dashboard").substring(bus.queueUrl("dashboard").lastIndexOf("dashboard") + 9);
        subscriptions = SqsEventSubscriptions.create(
                sqs,
                DEFINITION,
                new SqsQueueUrls(sqs, suffix, Map.of()),
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
            bootstrapper.teardown(DEFINITION, bus);
        }
    }

    private void publish(List<? extends DomainEvent> published) {
        EventBridgePublisher.create(events, bus.busName(), EventCodec.create()).publish(published, TRACE);
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
}
