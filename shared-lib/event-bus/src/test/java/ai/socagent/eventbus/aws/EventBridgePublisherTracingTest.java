package ai.socagent.eventbus.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.socagent.domain.event.DomainEvent;
import ai.socagent.eventbus.EventTracing;
import ai.socagent.eventbus.RetryPolicy;
import ai.socagent.eventbus.SampleEvents;
import ai.socagent.eventbus.TraceContext;
import ai.socagent.eventbus.envelope.EventCodec;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/** The publisher's producer spans: one per event, carried as the event's traceparent, failed ones marked. */
class EventBridgePublisherTracingTest {

    private static final Pattern TRACEPARENT = Pattern.compile("\"traceparent\":\"([^\"]+)\"");

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final OpenTelemetrySdk openTelemetry = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                    .build())
            .build();
    private final List<PutEventsRequestEntry> sent = new ArrayList<>();

    @AfterEach
    void close() {
        openTelemetry.close();
    }

    @Test
    void publish_everyEventCarriesItsProducerSpanAndTheSpansOfARefusedBatchAreErrors() {
        AtomicInteger requests = new AtomicInteger();
        EventBridgePublisher publisher = new EventBridgePublisher(
                entries -> {
                    sent.addAll(entries);
                    // The first batch is accepted, the second refused every time.
                    return requests.incrementAndGet() == 1 ? accepted(entries) : refused(entries);
                },
                "ai-agent-events-x",
                EventCodec.create(),
                2,
                new RetryPolicy(Duration.ofMillis(1), 1.0, Duration.ofMillis(1)),
                duration -> {},
                EventTracing.create(openTelemetry));
        List<DomainEvent> events = IntStream.range(0, 12)
                .mapToObj(i -> SampleEvents.all().get(i % 8))
                .toList();
        TraceContext trace = TraceContext.newRoot();

        assertThatThrownBy(() -> publisher.publish(events, trace)).isInstanceOf(PublishFailedException.class);

        List<SpanData> spans = exporter.getFinishedSpanItems();
        assertThat(spans).hasSize(12).allSatisfy(span -> {
            assertThat(span.getKind()).isEqualTo(SpanKind.PRODUCER);
            assertThat(span.getTraceId()).isEqualTo(trace.traceId());
            assertThat(span.getParentSpanId()).isEqualTo(trace.traceparent().substring(36, 52));
            assertThat(span.getAttributes().asMap())
                    .containsEntry(EventTracing.MESSAGING_SYSTEM, EventTracing.AWS_EVENTBRIDGE)
                    .containsEntry(EventTracing.MESSAGING_DESTINATION_NAME, "ai-agent-events-x");
        });
        for (int i = 0; i < 12; i++) {
            DomainEvent event = events.get(i);
            SpanData span = spans.stream()
                    .filter(s -> event.eventId().equals(s.getAttributes().get(EventTracing.MESSAGING_MESSAGE_ID)))
                    .findFirst()
                    .orElseThrow();
            assertThat(span.getName()).isEqualTo(event.detailType() + " publish");
            assertThat(traceparentOf(sent.get(i)))
                    .isEqualTo("00-" + span.getTraceId() + "-" + span.getSpanId() + "-01");
            assertThat(span.getStatus().getStatusCode())
                    .as("event %d", i)
                    .isEqualTo(i < 10 ? StatusCode.UNSET : StatusCode.ERROR);
        }
    }

    private static String traceparentOf(PutEventsRequestEntry entry) {
        Matcher matcher = TRACEPARENT.matcher(entry.detail());
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }

    private static PutEventsResponse accepted(List<PutEventsRequestEntry> entries) {
        return PutEventsResponse.builder()
                .failedEntryCount(0)
                .entries(entries.stream()
                        .map(e -> PutEventsResultEntry.builder().eventId("id").build())
                        .toList())
                .build();
    }

    private static PutEventsResponse refused(List<PutEventsRequestEntry> entries) {
        return PutEventsResponse.builder()
                .failedEntryCount(entries.size())
                .entries(entries.stream()
                        .map(e -> PutEventsResultEntry.builder()
                                .errorCode("ThrottlingException")
                                .errorMessage("Rate exceeded")
                                .build())
                        .toList())
                .build();
    }
}
