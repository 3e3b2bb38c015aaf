package ai.socagent.eventbus.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.socagent.domain.event.DomainEvent;
import ai.socagent.eventbus.EventMdc;
import ai.socagent.eventbus.EventTracing;
import ai.socagent.eventbus.RetryPolicy;
import ai.socagent.eventbus.SampleEvents;
import ai.socagent.eventbus.TraceContext;
import ai.socagent.eventbus.envelope.EventCodec;
import ai.socagent.eventbus.inprocess.InMemoryIdempotencyStore;
import ai.socagent.eventbus.routing.RoutingDefinition;
import ai.socagent.eventbus.routing.RoutingDefinitions;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * One trace across the cloud path in the emulator: EventBridgePublisher (producer span) -> rule -> SQS
 * -> SqsEventSubscriptions (consumer span, child of the producer span, current in the handler).
 */
class SqsEventTracingIT {

    private static final RoutingDefinition DEFINITION = RoutingDefinitions.bundled();
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private static MotoBus.Clients clients;

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final OpenTelemetrySdk openTelemetry = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                    .build())
            .build();
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
        bus = MotoBus.bootstrap(clients, DEFINITION, "t");
        subscriptions = SqsEventSubscriptions.create(
                clients.sqsAsync(),
                DEFINITION,
                bus.queueUrls(),
                EventCodec.create(),
                InMemoryIdempotencyStore.create(),
                new SqsEventSubscriptions.Settings(
                        1, 3, new RetryPolicy(Duration.ZERO, 1.0, Duration.ZERO), Duration.ofHours(1), 1),
                EventTracing.create(openTelemetry));
    }

    @AfterEach
    void teardown() {
        if (subscriptions != null) {
            subscriptions.close();
        }
        if (bus != null) {
            bus.close();
        }
        openTelemetry.close();
    }

    @Test
    void publishThroughEventBridgeAndConsumeFromSqs_theConsumerSpanIsAChildOfTheProducerSpan() {
        DomainEvent planned = SampleEvents.all().get(6); // Response Plan Ready -> dashboard, audit-trail
        AtomicReference<SpanContext> inHandler = new AtomicReference<>();
        AtomicReference<String> mdcSpanId = new AtomicReference<>();
        subscriptions.subscribe("dashboard", event -> {
            mdcSpanId.set(MDC.get(EventMdc.SPAN_ID));
            inHandler.set(Span.current().getSpanContext());
        });
        TraceContext root = TraceContext.newRoot();

        EventBridgePublisher.create(clients.events(), bus.busName(), EventCodec.create(), openTelemetry)
                .publish(List.of(planned), root);

        await().atMost(PATIENCE).until(() -> consumerSpans().size() == 1);
        SpanData producer = exporter.getFinishedSpanItems().stream()
                .filter(span -> span.getKind() == SpanKind.PRODUCER)
                .findFirst()
                .orElseThrow();
        SpanData consumer = consumerSpans().getFirst();
        assertThat(producer.getName()).isEqualTo(planned.detailType() + " publish");
        assertThat(producer.getTraceId()).isEqualTo(root.traceId());
        assertThat(producer.getParentSpanId()).isEqualTo(root.traceparent().substring(36, 52));
        assertThat(producer.getAttributes().asMap())
                .containsEntry(EventTracing.MESSAGING_SYSTEM, EventTracing.AWS_EVENTBRIDGE)
                .containsEntry(EventTracing.MESSAGING_DESTINATION_NAME, bus.busName())
                .containsEntry(EventTracing.MESSAGING_MESSAGE_ID, planned.eventId());

        assertThat(consumer.getName()).isEqualTo(planned.detailType() + " process");
        assertThat(consumer.getTraceId()).isEqualTo(root.traceId());
        assertThat(consumer.getParentSpanId()).isEqualTo(producer.getSpanId());
        assertThat(consumer.getAttributes().asMap())
                .containsEntry(EventTracing.MESSAGING_SYSTEM, EventTracing.AWS_SQS)
                .containsEntry(EventTracing.MESSAGING_DESTINATION_NAME, "dashboard")
                .containsEntry(EventTracing.MESSAGING_MESSAGE_ID, planned.eventId())
                .containsEntry(EventTracing.CORRELATION_ID, planned.correlationId());
        assertThat(inHandler.get()).isEqualTo(consumer.getSpanContext());
        assertThat(mdcSpanId.get()).isEqualTo(consumer.getSpanId());
    }

    private List<SpanData> consumerSpans() {
        return exporter.getFinishedSpanItems().stream()
                .filter(span -> span.getKind() == SpanKind.CONSUMER)
                .toList();
    }
}
