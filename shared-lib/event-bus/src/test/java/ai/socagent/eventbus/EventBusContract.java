package ai.socagent.eventbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.socagent.domain.event.DomainEvent;
import ai.socagent.eventbus.envelope.EventCodec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * What every event bus does, whatever carries the events: the in-process bus and EventBridge + SQS
 * both pass these tests. Implementations wire a fresh bus per test, routed by the bundled rules file,
 * with a fast retry policy.
 */
public abstract class EventBusContract {

    protected static final TraceContext TRACE = TraceContext.newRoot();
    protected static final RetryPolicy FAST_RETRY = new RetryPolicy(Duration.ofMillis(5), 2.0, Duration.ofMillis(50));
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    /** Publishes pipeline events. */
    protected abstract void publish(List<DomainEvent> events, TraceContext trace);

    /** Publishes an event with this source, detail-type and detail JSON on the agents' bus. */
    protected abstract void publishEvent(String source, String detailType, String detail);

    /** Subscribes the consumer of {@code queue}. */
    protected abstract void subscribe(String queue, EventHandler handler);

    /** Reasons recorded with the dead letters of {@code queue} so far. */
    protected abstract List<String> deadLetterReasons(String queue);

    @Test
    void publish_routedEvent_reachesTheHandlerWithCorrelationAndTrace() {
        List<InboundEvent> handled = new CopyOnWriteArrayList<>();
        subscribe("threat-intelligence", handled::add);
        DomainEvent classified = SampleEvents.all().get(1);

        publish(List.of(classified), TRACE);

        await().atMost(PATIENCE).until(() -> handled.size() == 1);
        assertThat(handled.getFirst()).isEqualTo(new InboundEvent.PipelineEvent(classified, TRACE));
    }

    @Test
    void publish_routedEvent_handlerLogsWithCorrelationIdAndTraceInTheMdc() {
        List<Map<String, String>> seen = new CopyOnWriteArrayList<>();
        subscribe("investigation", event -> seen.add(MDC.getCopyOfContextMap()));
        DomainEvent classified = SampleEvents.all().get(1);

        publish(List.of(classified), TRACE);

        await().atMost(PATIENCE).until(() -> seen.size() == 1);
        assertThat(seen.getFirst())
                .containsEntry(EventMdc.CORRELATION_ID, classified.correlationId())
                .containsEntry(EventMdc.TRACE_ID, TRACE.traceId())
                .containsEntry(EventMdc.TRACEPARENT, TRACE.traceparent())
                .containsEntry(EventMdc.EVENT_ID, classified.eventId())
                .containsEntry(EventMdc.DETAIL_TYPE, classified.detailType());
    }

    @Test
    void publish_handlerFailsTwice_isRetriedAndHandledOnce() {
        AtomicInteger calls = new AtomicInteger();
        List<InboundEvent> handled = new CopyOnWriteArrayList<>();
        subscribe("root-cause-analysis", event -> {
            if (calls.incrementAndGet() <= 2) {
                throw new IllegalStateException("context store unavailable");
            }
            handled.add(event);
        });

        publish(List.of(SampleEvents.all().get(4)), TRACE);

        await().atMost(PATIENCE).until(() -> handled.size() == 1);
        assertThat(calls).hasValue(3);
        assertThat(deadLetterReasons("root-cause-analysis")).isEmpty();
    }

    @Test
    void publish_handlerAlwaysFails_deadLettersAfterMaxReceiveCountWithTheReason() {
        AtomicInteger calls = new AtomicInteger();
        subscribe("dashboard", event -> {
            calls.incrementAndGet();
            throw new IllegalStateException("websocket closed");
        });

        publish(List.of(SampleEvents.all().get(6)), TRACE);

        await().atMost(PATIENCE).until(() -> !deadLetterReasons("dashboard").isEmpty());
        assertThat(deadLetterReasons("dashboard"))
                .singleElement()
                .asString()
                .startsWith("HANDLER_FAILED after 3 attempts")
                .contains("websocket closed");
        assertThat(calls).hasValue(3);
    }

    @Test
    void publishEvent_unsupportedSchemaVersion_deadLettersWithTheReasonWithoutCallingTheHandler() {
        List<InboundEvent> handled = new CopyOnWriteArrayList<>();
        subscribe("threat-classifier", handled::add);
        DomainEvent submitted = SampleEvents.all().getFirst();
        String detail = EventCodec.create()
                .encode(submitted, TRACE)
                .detail()
                .replace("\"schemaVersion\":1", "\"schemaVersion\":9");

        publishEvent("ai-agent-service", submitted.detailType(), detail);

        await().atMost(PATIENCE)
                .until(() -> !deadLetterReasons("threat-classifier").isEmpty());
        assertThat(deadLetterReasons("threat-classifier"))
                .singleElement()
                .asString()
                .startsWith("UNSUPPORTED_SCHEMA_VERSION");
        assertThat(handled).isEmpty();
    }

    @Test
    void publish_sameEventTwice_isHandledOnce() {
        List<InboundEvent> handled = new CopyOnWriteArrayList<>();
        subscribe("audit-trail", handled::add);
        DomainEvent executed = SampleEvents.all().get(7);

        publish(List.of(executed), TRACE);
        publish(List.of(executed), TRACE);

        await().atMost(PATIENCE).until(() -> handled.size() == 1);
        await().during(Duration.ofSeconds(2)).atMost(PATIENCE).until(() -> handled.size() == 1);
    }

    @Test
    void publish_emergency_reachesThePriorityQueue() {
        List<InboundEvent> handled = new CopyOnWriteArrayList<>();
        subscribe("response-orchestration-priority", handled::add);
        DomainEvent emergency = SampleEvents.all().get(2);

        publish(List.of(emergency), TRACE);

        await().atMost(PATIENCE).until(() -> handled.size() == 1);
        assertThat(handled.getFirst()).isEqualTo(new InboundEvent.PipelineEvent(emergency, TRACE));
    }
}
