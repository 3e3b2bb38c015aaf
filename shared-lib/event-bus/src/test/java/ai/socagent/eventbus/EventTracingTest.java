package ai.socagent.eventbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.socagent.domain.event.DomainEvent;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class EventTracingTest {

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final OpenTelemetrySdk openTelemetry = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                    .build())
            .build();
    private final EventTracing tracing = EventTracing.create(openTelemetry);

    @AfterEach
    void close() {
        openTelemetry.close();
        MDC.clear();
    }

    @Test
    void handle_pipelineEvent_handlerRunsInAConsumerSpanChildOfTheEventsTraceparent() throws Exception {
        DomainEvent event = SampleEvents.all().get(4);
        TraceContext trace = TraceContext.newRoot();
        AtomicReference<SpanContext> current = new AtomicReference<>();
        Map<String, String> mdc = new HashMap<>();

        EventMdc.handle(
                tracing,
                EventTracing.AWS_SQS,
                "dashboard",
                e -> {
                    current.set(Span.current().getSpanContext());
                    mdc.putAll(MDC.getCopyOfContextMap());
                },
                new InboundEvent.PipelineEvent(event, trace));

        SpanData consumer = exporter.getFinishedSpanItems().getFirst();
        assertThat(consumer.getName()).isEqualTo("Investigation Complete process");
        assertThat(consumer.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(consumer.getTraceId()).isEqualTo(trace.traceId());
        assertThat(consumer.getParentSpanId()).isEqualTo(trace.traceparent().substring(36, 52));
        assertThat(consumer.getParentSpanContext().isRemote()).isTrue();
        assertThat(consumer.getAttributes().asMap())
                .containsEntry(EventTracing.MESSAGING_SYSTEM, EventTracing.AWS_SQS)
                .containsEntry(EventTracing.MESSAGING_DESTINATION_NAME, "dashboard")
                .containsEntry(EventTracing.MESSAGING_MESSAGE_ID, event.eventId())
                .containsEntry(EventTracing.CORRELATION_ID, event.correlationId());
        assertThat(current.get()).isEqualTo(consumer.getSpanContext());
        assertThat(mdc)
                .containsEntry(EventMdc.TRACE_ID, trace.traceId())
                .containsEntry(EventMdc.SPAN_ID, consumer.getSpanId())
                .containsEntry(EventMdc.TRACEPARENT, trace.traceparent());
        assertThat(Span.current().getSpanContext().isValid()).isFalse();
        assertThat(MDC.get(EventMdc.SPAN_ID)).isNull();
    }

    @Test
    void handle_awsFindingEvent_startsATraceOfItsOwn() throws Exception {
        var finding = new InboundEvent.AwsFindingEvent("e-1", "aws.guardduty", "GuardDuty Finding", "{}");
        Map<String, String> mdc = new HashMap<>();

        tracing.handle(EventTracing.AWS_SQS, "threat-classifier", e -> mdc.putAll(MDC.getCopyOfContextMap()), finding);

        SpanData consumer = exporter.getFinishedSpanItems().getFirst();
        assertThat(consumer.getName()).isEqualTo("GuardDuty Finding process");
        assertThat(consumer.getParentSpanContext().isValid()).isFalse();
        assertThat(consumer.getAttributes().get(EventTracing.MESSAGING_MESSAGE_ID))
                .isEqualTo("e-1");
        assertThat(mdc).containsEntry(EventMdc.TRACE_ID, consumer.getTraceId());
    }

    @Test
    void handle_handlerThrows_spanIsErrorWithTheExceptionAndTheFailurePropagates() {
        InboundEvent event = new InboundEvent.PipelineEvent(SampleEvents.all().get(4), TraceContext.newRoot());

        assertThatThrownBy(() -> tracing.handle(
                        EventTracing.IN_PROCESS,
                        "dashboard",
                        e -> {
                            throw new IllegalStateException("boom");
                        },
                        event))
                .hasMessage("boom");

        SpanData consumer = exporter.getFinishedSpanItems().getFirst();
        assertThat(consumer.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(consumer.getEvents()).singleElement().satisfies(exception -> {
            assertThat(exception.getName()).isEqualTo("exception");
            assertThat(exception.getAttributes().asMap().values()).contains("boom");
        });
    }

    @Test
    void startPublish_noop_theTraceContextPassesThroughUnchanged() {
        TraceContext trace = TraceContext.newRoot();
        DomainEvent event = SampleEvents.all().get(1);

        EventTracing.Publication publication =
                EventTracing.noop().startPublish(EventTracing.IN_PROCESS, "bus", event, trace);
        publication.end();

        assertThat(publication.trace()).isEqualTo(trace);
        assertThat(EventTracing.create(OpenTelemetry.noop())
                        .startPublish(null, null, event, null)
                        .trace())
                .isNotNull();
    }

    @Test
    void startPublish_handlerRepublishesWithTheInboundTrace_theNewEventIsAChildOfTheConsumerSpan() throws Exception {
        TraceContext inbound = TraceContext.newRoot();
        AtomicReference<TraceContext> republished = new AtomicReference<>();

        tracing.handle(
                EventTracing.IN_PROCESS,
                "investigation",
                e -> {
                    EventTracing.Publication publication = tracing.startPublish(
                            EventTracing.IN_PROCESS, "bus", SampleEvents.all().get(4), inbound);
                    republished.set(publication.trace());
                    publication.end();
                },
                new InboundEvent.PipelineEvent(SampleEvents.all().get(3), inbound));

        List<SpanData> spans = exporter.getFinishedSpanItems();
        SpanData producer = spans.getFirst();
        SpanData consumer = spans.get(1);
        assertThat(consumer.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(producer.getParentSpanId()).isEqualTo(consumer.getSpanId());
        assertThat(republished.get().traceparent())
                .isEqualTo("00-" + inbound.traceId() + "-" + producer.getSpanId() + "-01");
    }
}
