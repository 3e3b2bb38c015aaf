package ai.socagent.eventbus.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.socagent.domain.event.DomainEvent;
import ai.socagent.eventbus.EventPublisher;
import ai.socagent.eventbus.EventSubscriptions;
import ai.socagent.eventbus.EventTracing;
import ai.socagent.eventbus.InboundEvent;
import ai.socagent.eventbus.SampleEvents;
import ai.socagent.eventbus.TraceContext;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The bus records its spans with the application's OpenTelemetry bean when there is one. */
class EventBusTracingAutoConfigurationTest {

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final OpenTelemetrySdk openTelemetry = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                    .build())
            .build();
    // The bus in memory: this is about spans, and the journal's directory is one per process.
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(EventBusAutoConfiguration.class))
            .withPropertyValues("soc.event-bus.in-process.journal.enabled=false");

    @AfterEach
    void close() {
        openTelemetry.close();
    }

    @Test
    void openTelemetryBean_theInProcessBusRecordsProducerAndConsumerSpansWithIt() {
        runner.withBean(OpenTelemetry.class, () -> openTelemetry).run(context -> {
            List<InboundEvent> handled = new CopyOnWriteArrayList<>();
            context.getBean(EventSubscriptions.class).subscribe("investigation", handled::add);
            DomainEvent classified = SampleEvents.all().get(1);
            TraceContext trace = TraceContext.newRoot();

            context.getBean(EventPublisher.class).publish(classified, trace);

            await().atMost(Duration.ofSeconds(5))
                    .until(() -> exporter.getFinishedSpanItems().stream()
                            .anyMatch(span -> span.getKind() == SpanKind.CONSUMER));
            SpanData producer = exporter.getFinishedSpanItems().stream()
                    .filter(span -> span.getKind() == SpanKind.PRODUCER)
                    .findFirst()
                    .orElseThrow();
            assertThat(producer.getTraceId()).isEqualTo(trace.traceId());
            assertThat(((InboundEvent.PipelineEvent) handled.getFirst()).trace().traceparent())
                    .isEqualTo("00-" + trace.traceId() + "-" + producer.getSpanId() + "-01");
            assertThat(context).hasSingleBean(EventTracing.class);
        });
    }

    @Test
    void noOpenTelemetryBean_theTraceparentPassesThroughUnchanged() {
        runner.run(context -> {
            List<InboundEvent> handled = new CopyOnWriteArrayList<>();
            context.getBean(EventSubscriptions.class).subscribe("investigation", handled::add);
            TraceContext trace = TraceContext.newRoot();

            context.getBean(EventPublisher.class).publish(SampleEvents.all().get(1), trace);

            await().atMost(Duration.ofSeconds(5)).until(() -> handled.size() == 1);
            assertThat(((InboundEvent.PipelineEvent) handled.getFirst()).trace())
                    .isEqualTo(trace);
            assertThat(exporter.getFinishedSpanItems()).isEmpty();
        });
    }
}
