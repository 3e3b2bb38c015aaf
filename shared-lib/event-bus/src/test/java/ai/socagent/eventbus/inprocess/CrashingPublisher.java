package ai.socagent.eventbus.inprocess;

import ai.socagent.domain.event.DomainEvent;
import ai.socagent.domain.event.ThreatIntelligenceEnriched;
import ai.socagent.domain.indicator.EnrichmentSummary;
import ai.socagent.domain.indicator.Indicator;
import ai.socagent.domain.indicator.IndicatorHit;
import ai.socagent.domain.indicator.IndicatorType;
import ai.socagent.domain.indicator.Reputation;
import ai.socagent.eventbus.TraceContext;
import ai.socagent.eventbus.envelope.EventCodec;
import ai.socagent.eventbus.routing.RoutingDefinitions;
import io.opentelemetry.api.OpenTelemetry;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The child JVM of {@link InProcessEventBusCrashIT}: a durable bus on the journal directory {@code
 * args[0]} whose investigation handler is slow ({@value #HANDLER_MILLIS} ms a call), and two threads
 * publishing "Threat Intelligence Enriched" events to it as fast as they can, until the test kills the
 * process. It prints, one flushed line each: {@code PUBLISHED <id>} once {@code publish} returned for
 * that event, {@code STARTED <id>} when the handler is called, {@code ACKED <id>} once the journal
 * committed that the handler completed.
 */
public final class CrashingPublisher {

    static final int HANDLER_MILLIS = 5;

    private static final PrintStream OUT =
            new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);

    private CrashingPublisher() {}

    public static void main(String[] args) throws InterruptedException {
        InProcessEventBus bus = InProcessEventBus.durable(
                RoutingDefinitions.bundled(),
                EventCodec.create(),
                InProcessEventBus.Journal.in(Path.of(args[0])),
                InProcessEventBus.Options.defaults(),
                OpenTelemetry.noop());
        ((DeliveryJournal) bus.store()).onHandledCommitted((queue, id) -> line("ACKED " + id));
        bus.subscribe("investigation", event -> {
            line("STARTED " + event.deduplicationId());
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(HANDLER_MILLIS)); // the slow work
        });
        bus.start();
        line("READY");
        TraceContext trace = TraceContext.newRoot();
        List<Thread> publishers = List.of(
                Thread.ofPlatform().start(() -> publish(bus, trace)),
                Thread.ofPlatform().start(() -> publish(bus, trace)));
        for (Thread publisher : publishers) {
            publisher.join();
        }
    }

    private static void publish(InProcessEventBus bus, TraceContext trace) {
        EnrichmentSummary summary = new EnrichmentSummary(
                1,
                List.of(new IndicatorHit(
                        Indicator.of(IndicatorType.IPV4, "198.51.100.23"),
                        "abuse.ch",
                        Reputation.MALICIOUS,
                        0.9,
                        List.of("botnet"),
                        "C2")),
                "1 of 1 indicators is known malicious");
        while (true) {
            String id = UUID.randomUUID().toString();
            DomainEvent event = ThreatIntelligenceEnriched.of(id, Instant.now(), id, summary);
            bus.publish(event, trace);
            line("PUBLISHED " + event.eventId());
        }
    }

    private static void line(String line) {
        synchronized (OUT) {
            OUT.println(line);
        }
    }
}
