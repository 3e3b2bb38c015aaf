package ai.socagent.eventbus.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.socagent.domain.event.DomainEvent;
import ai.socagent.domain.event.ThreatIntelligenceEnriched;
import ai.socagent.domain.indicator.EnrichmentSummary;
import ai.socagent.domain.indicator.Indicator;
import ai.socagent.domain.indicator.IndicatorHit;
import ai.socagent.domain.indicator.IndicatorType;
import ai.socagent.domain.indicator.Reputation;
import ai.socagent.eventbus.EventHandler;
import ai.socagent.eventbus.InboundEvent;
import ai.socagent.eventbus.RetryPolicy;
import ai.socagent.eventbus.TraceContext;
import ai.socagent.eventbus.envelope.EventCodec;
import ai.socagent.eventbus.inprocess.InMemoryIdempotencyStore;
import ai.socagent.eventbus.routing.QueueDefinition;
import ai.socagent.eventbus.routing.RoutingDefinition;
import ai.socagent.eventbus.routing.RoutingDefinitions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * SqsEventConsumer keeps consuming whatever fails: every failure path gives the listener container's
 * concurrency permit back (with one handler thread there are two permits, so losing one per failure
 * would stop the consumer after the second failure), and the watchdog restarts a container that stopped
 * polling while messages wait.
 */
class SqsEventConsumerResilienceIT {

    private static final RoutingDefinition DEFINITION = RoutingDefinitions.bundled();
    private static final TraceContext TRACE = TraceContext.newRoot();
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final RetryPolicy NO_BACKOFF = new RetryPolicy(Duration.ZERO, 1.0, Duration.ZERO);

    private static MotoBus.Clients clients;
    private static SqsAsyncClient sqsAsync;

    private MotoBus bus;
    private SqsEventConsumer consumer;

    @BeforeAll
    static void clients() {
        clients = MotoBus.clients();
        sqsAsync = clients.aws().configure(SqsAsyncClient.builder()).build();
    }

    @AfterAll
    static void closeClients() {
        if (clients != null) {
            clients.close();
            sqsAsync.close();
        }
    }

    @BeforeEach
    void bootstrap() {
        bus = MotoBus.bootstrap(clients, DEFINITION, "r");
    }

    @AfterEach
    void teardown() {
        if (consumer != null) {
            consumer.close();
        }
        if (bus != null) {
            bus.close();
        }
    }

    @Test
    void failingHandlersAndFailingDeadLetterMoves_goodEventsAfterThemAreAllHandledByOneThread() {
        List<DomainEvent> bad = events(6);
        List<DomainEvent> good = events(10);
        Set<String> failing = ConcurrentHashMap.newKeySet();
        bad.forEach(event -> failing.add(event.eventId()));
        Set<String> handled = ConcurrentHashMap.newKeySet();
        // The first receive is the last one allowed, and the dead-letter queue does not exist: the error
        // handler's move to it fails too, for each failing event and for each malformed message.
        QueueDefinition investigation = DEFINITION.queue("investigation").orElseThrow();
        QueueDefinition oneAttempt = new QueueDefinition(
                investigation.name(),
                investigation.deadLetterQueue(),
                1,
                investigation.visibilityTimeoutSeconds(),
                false);
        consumer = SqsEventConsumer.builder()
                .sqs(sqsAsync)
                .queue(oneAttempt, bus.queueUrl("investigation"), bus.queueUrl("investigation") + "-missing-dlq")
                .idempotency(InMemoryIdempotencyStore.create())
                .handler(event -> {
                    String id = ((InboundEvent.PipelineEvent) event).event().eventId();
                    if (failing.contains(id)) {
                        throw new IllegalStateException("handler fails for " + id);
                    }
                    handled.add(id);
                })
                .retry(NO_BACKOFF)
                .waitTimeSeconds(1)
                .concurrency(1)
                .build();
        consumer.start();

        publish(bad);
        IntStream.range(0, 4)
                .forEach(i -> clients.sqs()
                        .sendMessage(b -> b.queueUrl(bus.queueUrl("investigation"))
                                .messageBody("not an EventBridge event " + i)));
        publish(good);

        await().atMost(PATIENCE).until(() -> handled.size() == good.size());
        assertThat(handled)
                .containsExactlyInAnyOrderElementsOf(
                        good.stream().map(DomainEvent::eventId).toList());
        assertThat(consumer.stallsDetected()).isZero();
    }

    @Test
    void watchdog_containerStopsPollingWhileEventsWait_logsAndRestartsIt() {
        Set<String> handled = ConcurrentHashMap.newKeySet();
        consumer = consumer(handled::add, Duration.ofSeconds(2));
        consumer.start();
        // An idle consumer of an empty queue is not stalled.
        await().during(Duration.ofSeconds(3)).atMost(PATIENCE).until(() -> consumer.stallsDetected() == 0);

        consumer.stopPollingForTest();
        List<DomainEvent> waiting = events(3);
        publish(waiting);

        await().atMost(PATIENCE).until(() -> handled.size() == waiting.size());
        assertThat(consumer.stallsDetected()).isPositive();
    }

    private SqsEventConsumer consumer(java.util.function.Consumer<String> handled, Duration stallTimeout) {
        EventHandler handler = event ->
                handled.accept(((InboundEvent.PipelineEvent) event).event().eventId());
        QueueDefinition investigation = DEFINITION.queue("investigation").orElseThrow();
        return SqsEventConsumer.builder()
                .sqs(sqsAsync)
                .queue(investigation, bus.queueUrl("investigation"), bus.queueUrl(investigation.deadLetterQueue()))
                .idempotency(InMemoryIdempotencyStore.create())
                .handler(handler)
                .retry(NO_BACKOFF)
                .waitTimeSeconds(1)
                .concurrency(1)
                .stallTimeout(stallTimeout)
                .build();
    }

    private void publish(List<DomainEvent> published) {
        EventBridgePublisher.create(clients.events(), bus.busName(), EventCodec.create())
                .publish(published, TRACE);
    }

    private static List<DomainEvent> events(int count) {
        Indicator ip = Indicator.of(IndicatorType.IPV4, "198.51.100.23");
        EnrichmentSummary summary = new EnrichmentSummary(
                1,
                List.of(new IndicatorHit(ip, "abuse.ch", Reputation.MALICIOUS, 0.9, List.of("botnet"), "C2")),
                "1 of 1 indicators is known malicious");
        Instant now = Instant.now();
        return IntStream.range(0, count)
                .mapToObj(i -> {
                    String id = UUID.randomUUID().toString();
                    return (DomainEvent) ThreatIntelligenceEnriched.of(id, now, id, summary);
                })
                .toList();
    }
}
