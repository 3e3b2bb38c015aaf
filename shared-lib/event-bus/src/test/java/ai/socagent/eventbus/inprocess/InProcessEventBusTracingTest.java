package ai.socagent.eventbus.inprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.socagent.domain.event.DomainEvent;
import ai.socagent.eventbus.EventMdc;
import ai.socagent.eventbus.EventTracing;
import ai.socagent.eventbus.InboundEvent;
import ai.socagent.eventbus.RetryPolicy;
import ai.socagent.eventbus.SampleEvents;
import ai.socagent.eventbus.TraceContext;
import ai.socagent.eventbus.envelope.EventCodec;
import ai.socagent.eventbus.routing.RoutingDefinitions;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The in-process bus records one trace across the pipeline: producer and consumer span of every hop. */
class InProcessEventBusTracingTest {

    private static final Duration PATIENCE = Duration.ofSeconds(5);
    private static final RetryPolicy FAST = new RetryPolicy(Duration.ofMillis(5), 2.0, Duration.ofMillis(20));

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final OpenTelemetrySdk openTelemetry = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                    .build())
            .build();
    private final InProcessEventBus bus = InProcessEventBus.create(
            RoutingDefinitions.bundled(),
            EventCodec.create(),
            InMemoryIdempotencyStore.create(),
            InProcessEventBus.Options.defaults().withRetry(FAST),
            openTelemetry);

    @AfterEach
    void close() {
        bus.close();
        openTelemetry.close();
    }

    @Test
    void publish_handlerRepublishesWithTheInboundTrace_oneTraceProducerConsumerProducerConsumer() {
        List<DomainEvent> events = SampleEvents.all();
        DomainEvent submitted = events.get(0); // -> threat-classifier
        DomainEvent enriched = events.get(3); // -> investigation
        Map<String, String> mdcOfSecondHandler = new ConcurrentHashMap<>();
        bus.subscribe(
                "threat-classifier", event -> bus.publish(enriched, ((InboundEvent.PipelineEvent) event).trace()));
        bus.subscribe("investigation", event -> mdcOfSecondHandler.putAll(MDC.getCopyOfContextMap()));
        TraceContext root = TraceContext.newRoot();

        bus.publish(submitted, root);

        await().atMost(PATIENCE).until(() -> exporter.getFinishedSpanItems().size() == 4);
        SpanData producerA = span(submitted.detailType() + " publish");
        SpanData consumerA = span(submitted.detailType() + " process");
        SpanData producerB = span(enriched.detailType() + " publish");
        SpanData consumerB = span(enriched.detailType() + " process");
        assertThat(exporter.getFinishedSpanItems())
                .extracting(SpanData::getTraceId)
                .containsOnly(root.traceId());
        assertThat(producerA.getParentSpanId()).isEqualTo(parentIdOf(root));
        assertThat(consumerA.getParentSpanId()).isEqualTo(producerA.getSpanId());
        assertThat(producerB.getParentSpanId()).isEqualTo(consumerA.getSpanId());
        assertThat(consumerB.getParentSpanId()).isEqualTo(producerB.getSpanId());
        assertThat(List.of(producerA, producerB)).extracting(SpanData::getKind).containsOnly(SpanKind.PRODUCER);
        assertThat(List.of(consumerA, consumerB)).extracting(SpanData::getKind).containsOnly(SpanKind.CONSUMER);

        assertThat(producerA.getAttributes().asMap())
                .containsEntry(EventTracing.MESSAGING_SYSTEM, EventTracing.IN_PROCESS)
                .containsEntry(EventTracing.MESSAGING_DESTINATION_NAME, "ai-agent-events")
                .containsEntry(EventTracing.MESSAGING_MESSAGE_ID, submitted.eventId())
                .containsEntry(EventTracing.CORRELATION_ID, submitted.correlationId());
        assertThat(consumerB.getAttributes().asMap())
                .containsEntry(EventTracing.MESSAGING_SYSTEM, EventTracing.IN_PROCESS)
                .containsEntry(EventTracing.MESSAGING_DESTINATION_NAME, "investigation")
                .containsEntry(EventTracing.MESSAGING_MESSAGE_ID, enriched.eventId())
                .containsEntry(EventTracing.CORRELATION_ID, enriched.correlationId());
        assertThat(consumerB.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(mdcOfSecondHandler)
                .containsEntry(EventMdc.TRACE_ID, root.traceId())
                .containsEntry(EventMdc.SPAN_ID, consumerB.getSpanId())
                .containsEntry(EventMdc.CORRELATION_ID, enriched.correlationId());
    }

    @Test
    void publishInCurrentTrace_fromAHandler_continuesTheHandledEventsTrace() {
        DomainEvent submitted = SampleEvents.all().get(0); // -> threat-classifier
        DomainEvent enriched = SampleEvents.all().get(3); // -> investigation
        bus.subscribe("threat-classifier", event -> bus.publishInCurrentTrace(List.of(enriched)));
        bus.subscribe("investigation", event -> {});
        TraceContext root = TraceContext.newRoot();

        bus.publish(submitted, root);

        await().atMost(PATIENCE).until(() -> exporter.getFinishedSpanItems().size() == 4);
        assertThat(exporter.getFinishedSpanItems())
                .extracting(SpanData::getTraceId)
                .containsOnly(root.traceId());
        assertThat(span(enriched.detailType() + " publish").getParentSpanId())
                .isEqualTo(span(submitted.detailType() + " process").getSpanId());
    }

    @Test
    void publishInCurrentTrace_withoutAnOpenTelemetrySdk_stillCarriesTheHandledEventsTrace() {
        DomainEvent submitted = SampleEvents.all().get(0);
        DomainEvent enriched = SampleEvents.all().get(3);
        List<TraceContext> delivered = new CopyOnWriteArrayList<>();
        try (InProcessEventBus untraced = InProcessEventBus.create(
                RoutingDefinitions.bundled(),
                EventCodec.create(),
                InMemoryIdempotencyStore.create(),
                InProcessEventBus.Options.defaults().withRetry(FAST),
                OpenTelemetry.noop())) {
            untraced.subscribe("threat-classifier", event -> untraced.publishInCurrentTrace(List.of(enriched)));
            untraced.subscribe("investigation", event -> delivered.add(((InboundEvent.PipelineEvent) event).trace()));
            TraceContext root = TraceContext.newRoot();

            untraced.publish(submitted, root);

            await().atMost(PATIENCE).until(() -> !delivered.isEmpty());
            assertThat(delivered).extracting(TraceContext::traceId).containsExactly(root.traceId());
        }
    }

    @Test
    void handle_handlerThrows_consumerSpanRecordsTheExceptionWithStatusError() {
        DomainEvent enriched = SampleEvents.all().get(3);
        bus.subscribe("investigation", event -> {
            throw new IllegalStateException("boom");
        });

        bus.publish(enriched, TraceContext.newRoot());

        await().atMost(PATIENCE).until(() -> !bus.deadLetters("investigation").isEmpty());
        List<SpanData> consumers = exporter.getFinishedSpanItems().stream()
                .filter(span -> span.getKind() == SpanKind.CONSUMER)
                .toList();
        assertThat(consumers).isNotEmpty().allSatisfy(consumer -> {
            assertThat(consumer.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
            assertThat(consumer.getEvents())
                    .anySatisfy(event -> assertThat(event.getName()).isEqualTo("exception"));
            assertThat(consumer.getParentSpanId())
                    .isEqualTo(span(enriched.detailType() + " publish").getSpanId());
        });
    }

    @Test
    void publish_aSpanOfTheSameTraceIsCurrent_theEventIsItsChild() {
        var tracer = openTelemetry.getTracer("test");
        Span outer = tracer.spanBuilder("outer").startSpan();
        TraceContext sameTrace =
                new TraceContext("00-" + outer.getSpanContext().getTraceId() + "-" + "1".repeat(16) + "-01");
        TraceContext otherTrace = TraceContext.newRoot();
        DomainEvent first = SampleEvents.all().get(6);
        DomainEvent second = SampleEvents.all().get(7);

        Scope scope = outer.makeCurrent();
        try {
            bus.publish(first, sameTrace);
            bus.publish(second, otherTrace);
        } finally {
            scope.close();
            outer.end();
        }

        SpanData childOfCurrent = span(first.detailType() + " publish");
        assertThat(childOfCurrent.getTraceId()).isEqualTo(outer.getSpanContext().getTraceId());
        assertThat(childOfCurrent.getParentSpanId())
                .isEqualTo(outer.getSpanContext().getSpanId());
        SpanData childOfGiven = span(second.detailType() + " publish");
        assertThat(childOfGiven.getTraceId()).isEqualTo(otherTrace.traceId());
        assertThat(childOfGiven.getParentSpanId()).isEqualTo(parentIdOf(otherTrace));
    }

    private SpanData span(String name) {
        List<SpanData> named = exporter.getFinishedSpanItems().stream()
                .filter(span -> span.getName().equals(name))
                .toList();
        assertThat(named).as(name).hasSize(1);
        return named.getFirst();
    }

    private static String parentIdOf(TraceContext trace) {
        return trace.traceparent().substring(36, 52);
    }
}
