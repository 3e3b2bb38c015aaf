package ai.socagent.eventbus.inprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ai.socagent.domain.event.DomainEvent;
import ai.socagent.domain.event.EmergencyThreatDetected;
import ai.socagent.domain.event.ThreatSubmitted;
import ai.socagent.domain.threat.Threat;
import ai.socagent.eventbus.InboundEvent;
import ai.socagent.eventbus.RetryPolicy;
import ai.socagent.eventbus.SampleEvents;
import ai.socagent.eventbus.TraceContext;
import ai.socagent.eventbus.UndeliverableEventException;
import ai.socagent.eventbus.envelope.EventCodec;
import ai.socagent.eventbus.routing.RoutingDefinition;
import ai.socagent.eventbus.routing.RoutingDefinitions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InProcessEventBusTest {

    private static final TraceContext TRACE = TraceContext.newRoot();
    private static final RetryPolicy FAST = new RetryPolicy(Duration.ofMillis(5), 2.0, Duration.ofMillis(50));

    private InProcessEventBus bus = bus(RoutingDefinitions.bundled());

    @AfterEach
    void close() {
        bus.close();
    }

    @Test
    void publish_everyPipelineEvent_reachesTheHandlersOfItsTargetQueues() {
        Map<String, List<InboundEvent>> received = new ConcurrentHashMap<>();
        for (var queue : RoutingDefinitions.bundled().queues()) {
            bus.subscribe(
                    queue.name(),
                    event -> received.computeIfAbsent(queue.name(), q -> new CopyOnWriteArrayList<>())
                            .add(event));
        }
        bus.subscribe(
                "emergency-notifications",
                event -> received.computeIfAbsent("emergency-notifications", q -> new CopyOnWriteArrayList<>())
                        .add(event));
        List<DomainEvent> events = SampleEvents.all();

        bus.publish(events, TRACE);

        await().atMost(Duration.ofSeconds(5)).until(() -> bus.deliveredCount() == 21);
        assertThat(detailTypes(received.get("investigation")))
                .containsExactlyInAnyOrder("Threat Classification Complete", "Threat Intelligence Enriched");
        assertThat(detailTypes(received.get("response-orchestration-priority")))
                .containsExactly("Emergency Threat Detected");
        assertThat(detailTypes(received.get("emergency-notifications"))).containsExactly("Emergency Threat Detected");
        assertThat(detailTypes(received.get("dashboard")))
                .containsExactlyInAnyOrder(
                        "Investigation Complete",
                        "Root Cause Identified",
                        "Response Plan Ready",
                        "Response Action Executed");
        assertThat(detailTypes(received.get("audit-trail")))
                .containsExactlyInAnyOrder(
                        "Threat Classification Complete",
                        "Emergency Threat Detected",
                        "Threat Intelligence Enriched",
                        "Investigation Complete",
                        "Root Cause Identified",
                        "Response Plan Ready",
                        "Response Action Executed");
        assertThat(received.get("threat-classifier"))
                .singleElement()
                .isEqualTo(new InboundEvent.PipelineEvent(events.getFirst(), TRACE));
    }

    @Test
    void publish_handlerFailsTwice_isRetriedAndHandledOnce() {
        AtomicInteger calls = new AtomicInteger();
        List<InboundEvent> handled = new CopyOnWriteArrayList<>();
        bus.subscribe("threat-classifier", event -> {
            if (calls.incrementAndGet() <= 2) {
                throw new IllegalStateException("model timed out");
            }
            handled.add(event);
        });

        bus.publish(SampleEvents.all().getFirst(), TRACE);

        await().atMost(Duration.ofSeconds(5)).until(() -> handled.size() == 1);
        assertThat(calls).hasValue(3);
        assertThat(bus.deadLetters("threat-classifier")).isEmpty();
    }

    @Test
    void publish_handlerAlwaysFails_deadLettersAfterMaxReceiveCountWithTheReason() {
        AtomicInteger calls = new AtomicInteger();
        bus.subscribe("dashboard", event -> {
            calls.incrementAndGet();
            throw new IllegalStateException("websocket closed");
        });
        DomainEvent event = SampleEvents.all().get(6);

        bus.publish(event, TRACE);

        await().atMost(Duration.ofSeconds(5))
                .until(() -> !bus.deadLetters("dashboard").isEmpty());
        DeadLetter dead = bus.deadLetters("dashboard").getFirst();
        assertThat(dead.deadLetterQueue()).isEqualTo("dashboard-dlq");
        assertThat(dead.attempts()).isEqualTo(3);
        assertThat(calls).hasValue(3);
        assertThat(dead.reason()).startsWith("HANDLER_FAILED after 3 attempts").contains("websocket closed");
        assertThat(dead.eventJson()).contains(event.eventId());
    }

    @Test
    void publishEvent_unsupportedSchemaVersion_isDeadLetteredWithoutCallingTheHandler() {
        List<InboundEvent> handled = new CopyOnWriteArrayList<>();
        bus.subscribe("threat-classifier", handled::add);
        EventCodec codec = EventCodec.create();
        String event = codec.toEventBridgeEvent(codec.encode(SampleEvents.all().getFirst(), TRACE), "id-1", "1", "r")
                .replace("\"schemaVersion\":1", "\"schemaVersion\":9");

        assertThat(bus.publishEvent(event)).containsExactly("threat-classifier");

        await().atMost(Duration.ofSeconds(5))
                .until(() -> !bus.deadLetters("threat-classifier").isEmpty());
        assertThat(bus.deadLetters("threat-classifier").getFirst().reason()).startsWith("UNSUPPORTED_SCHEMA_VERSION");
        assertThat(handled).isEmpty();
    }

    @Test
    void publishEvent_unknownDetailTypeRoutedBySource_isDeadLetteredWithTheReason() {
        bus.close();
        bus = bus(RoutingDefinitions.parse("""
                {"schemaVersion":1,"bus":{"name":"b","source":"ai-agent-service"},
                 "queues":[{"name":"all","deadLetterQueue":"all-dlq","maxReceiveCount":2}],
                 "rules":[{"name":"everything","eventPattern":{"source":["ai-agent-service"]},"targets":["all"]}]}
                """));
        bus.subscribe("all", event -> {});

        bus.publishEvent("""
                {"version":"0","id":"x","detail-type":"Threat Forgotten","source":"ai-agent-service",\
                "time":"2026-11-26T10:00:00Z","detail":{"schemaVersion":1}}""");

        await().atMost(Duration.ofSeconds(5))
                .until(() -> !bus.deadLetters("all").isEmpty());
        assertThat(bus.deadLetters("all").getFirst())
                .satisfies(dead -> assertThat(dead.reason()).startsWith("UNKNOWN_DETAIL_TYPE"))
                .satisfies(dead -> assertThat(dead.deadLetterQueue()).isEqualTo("all-dlq"));
    }

    @Test
    void publish_sameEventTwice_isHandledOnce() {
        List<InboundEvent> handled = new CopyOnWriteArrayList<>();
        bus.subscribe("audit-trail", handled::add);
        DomainEvent event = SampleEvents.all().get(7);

        bus.publish(event, TRACE);
        bus.publish(event, TRACE);

        await().atMost(Duration.ofSeconds(5)).until(() -> bus.duplicateCount() == 1);
        assertThat(handled).hasSize(1);
    }

    @Test
    void publish_eventTooLarge_isRefusedBeforeAnythingIsDelivered() {
        List<InboundEvent> handled = new CopyOnWriteArrayList<>();
        bus.subscribe("threat-classifier", handled::add);
        Threat threat = SampleEvents.threat();
        var finding = threat.finding();
        Threat huge = new Threat(
                threat.threatId(),
                new ai.socagent.domain.finding.Finding(
                        finding.findingId(),
                        finding.source(),
                        finding.format(),
                        finding.sourceFindingId(),
                        finding.findingType(),
                        finding.title(),
                        // events carry the normalised finding (the raw payload only by reference):
                        // a description past EventBridge's limit makes the event too large
                        "x".repeat(262_144),
                        finding.severity(),
                        finding.sourceSeverityScore(),
                        finding.accountId(),
                        finding.region(),
                        finding.firstSeen(),
                        finding.lastSeen(),
                        finding.resources(),
                        finding.indicators(),
                        finding.rawPayload(),
                        finding.receivedAt()),
                threat.correlationId(),
                threat.submittedAt());

        assertThatThrownBy(() -> bus.publish(
                        List.of(SampleEvents.all().getFirst(), ThreatSubmitted.of(huge, SampleEvents.T0)), TRACE))
                .isInstanceOfSatisfying(
                        UndeliverableEventException.class,
                        e -> assertThat(e.reason()).isEqualTo(UndeliverableEventException.Reason.TOO_LARGE))
                .hasMessageContaining("EventBridge accepts 262144");
        assertThat(bus.deliveredCount()).isZero();
        assertThat(handled).isEmpty();
    }

    @Test
    void publish_beforeSubscribe_waitsForTheSubscriber() {
        bus.publish(SampleEvents.all().getFirst(), TRACE);
        List<InboundEvent> handled = new CopyOnWriteArrayList<>();

        bus.subscribe("threat-classifier", handled::add);

        await().atMost(Duration.ofSeconds(5)).until(() -> handled.size() == 1);
    }

    @Test
    void publish_emergency_isHandledOnThePriorityQueuesOwnThreadsWithCorrelationAndTrace() {
        List<String> threads = new CopyOnWriteArrayList<>();
        List<InboundEvent> handled = new CopyOnWriteArrayList<>();
        bus.subscribe("response-orchestration-priority", event -> {
            threads.add(Thread.currentThread().getName());
            handled.add(event);
        });
        EmergencyThreatDetected emergency =
                (EmergencyThreatDetected) SampleEvents.all().get(2);

        bus.publish(emergency, TRACE);

        await().atMost(Duration.ofSeconds(5)).until(() -> handled.size() == 1);
        assertThat(threads.getFirst()).startsWith("event-bus-response-orchestration-priority-");
        assertThat(handled.getFirst()).isInstanceOfSatisfying(InboundEvent.PipelineEvent.class, pipeline -> {
            assertThat(pipeline.event().correlationId()).isEqualTo(emergency.correlationId());
            assertThat(pipeline.trace()).isEqualTo(TRACE);
        });
    }

    @Test
    void publishEvent_rawGuardDutyEvent_reachesTheThreatClassifierVerbatim() {
        List<InboundEvent> handled = new CopyOnWriteArrayList<>();
        bus.subscribe("threat-classifier", handled::add);
        String raw = """
                {"version":"0","id":"c8b0f3e2-1111-2222-3333-444455556666","detail-type":"GuardDuty Finding",\
                "source":"aws.guardduty","account":"123456789012","time":"2026-11-26T10:00:00Z",\
                "region":"eu-west-1","resources":[],"detail":{"schemaVersion":"2.0","type":"Recon:EC2/PortProbeUnprotectedPort",\
                "severity":2.0}}""";

        Set<String> targets = bus.publishEvent(raw);

        assertThat(targets).containsExactly("threat-classifier");
        await().atMost(Duration.ofSeconds(5)).until(() -> handled.size() == 1);
        assertThat(handled.getFirst())
                .isEqualTo(new InboundEvent.AwsFindingEvent(
                        "c8b0f3e2-1111-2222-3333-444455556666", "aws.guardduty", "GuardDuty Finding", raw));
    }

    @Test
    void publish_aQueueWhoseHandlerWaits_delaysNoOtherQueue() throws InterruptedException {
        // 200 classifications: each goes to investigation (whose handler waits, as for a model),
        // audit-trail and threat-intelligence. Far more waiting deliveries than the machine has cores.
        CountDownLatch modelAnswers = new CountDownLatch(1);
        AtomicInteger audited = new AtomicInteger();
        bus.subscribe("investigation", event -> modelAnswers.await());
        bus.subscribe("audit-trail", event -> audited.incrementAndGet());
        bus.subscribe("threat-intelligence", event -> {});

        for (int i = 0; i < 200; i++) {
            bus.publish(SampleEvents.all().get(1), TRACE);
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> audited.get() == 200);
        assertThat(bus.runningCount("investigation")).isEqualTo(InProcessEventBus.Options.DEFAULT_CONCURRENCY);
        assertThat(bus.waitingCount("investigation")).isEqualTo(200 - InProcessEventBus.Options.DEFAULT_CONCURRENCY);
        modelAnswers.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> bus.deliveredCount() == 600);
        assertThat(bus.waitingCount("investigation")).isZero();
    }

    @Test
    void publish_queueWithItsOwnConcurrency_runsThatManyAtOnceOnVirtualThreads() {
        bus.close();
        bus = InProcessEventBus.create(
                RoutingDefinitions.bundled(),
                EventCodec.create(),
                InMemoryIdempotencyStore.create(),
                InProcessEventBus.Options.defaults()
                        .withRetry(FAST)
                        .withQueueConcurrency(Map.of("threat-classifier", 5)));
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        List<Boolean> virtual = new CopyOnWriteArrayList<>();
        bus.subscribe("threat-classifier", event -> {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            virtual.add(Thread.currentThread().isVirtual());
            release.await();
            running.decrementAndGet();
        });

        for (int i = 0; i < 20; i++) {
            bus.publish(SampleEvents.all().getFirst(), TRACE);
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> running.get() == 5);
        assertThat(bus.concurrency("threat-classifier")).isEqualTo(5);
        assertThat(bus.waitingCount("threat-classifier")).isEqualTo(15);
        release.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> bus.deliveredCount() == 20);
        assertThat(mostAtOnce.get()).isEqualTo(5);
        assertThat(virtual).hasSize(20).containsOnly(true);
        assertThat(bus.concurrency("response-orchestration-priority"))
                .isEqualTo(InProcessEventBus.Options.DEFAULT_PRIORITY_CONCURRENCY);
    }

    @Test
    void publish_lineFull_thePublisherDeliversItself() {
        bus.close();
        bus = InProcessEventBus.create(
                RoutingDefinitions.bundled(),
                EventCodec.create(),
                InMemoryIdempotencyStore.create(),
                new InProcessEventBus.Options(1, 1, 2, FAST, Duration.ofHours(1)));
        CountDownLatch release = new CountDownLatch(1);
        List<String> threads = new CopyOnWriteArrayList<>();
        bus.subscribe("threat-classifier", event -> {
            threads.add(Thread.currentThread().getName());
            if (Thread.currentThread().isVirtual()) {
                release.await();
            }
        });

        // one running, two in line; the fourth finds the line full and runs in this thread
        for (int i = 0; i < 4; i++) {
            bus.publish(SampleEvents.all().getFirst(), TRACE);
            if (i == 0) {
                await().atMost(Duration.ofSeconds(5)).until(() -> bus.runningCount("threat-classifier") == 1);
            }
        }

        assertThat(threads).contains(Thread.currentThread().getName());
        release.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> bus.deliveredCount() == 4);
    }

    @Test
    void subscribe_unknownTargetOrSecondHandler_isRefused() {
        bus.subscribe("dashboard", event -> {});

        assertThatThrownBy(() -> bus.subscribe("nowhere", event -> {})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> bus.subscribe("dashboard", event -> {})).isInstanceOf(IllegalStateException.class);
    }

    private static InProcessEventBus bus(RoutingDefinition definition) {
        return InProcessEventBus.create(
                definition,
                EventCodec.create(),
                InMemoryIdempotencyStore.create(),
                InProcessEventBus.Options.defaults().withRetry(FAST));
    }

    private static List<String> detailTypes(List<InboundEvent> events) {
        return events.stream().map(InboundEvent::detailType).toList();
    }
}
