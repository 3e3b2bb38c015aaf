package ai.socagent.eventbus.inprocess;

import ai.socagent.domain.event.DomainEvent;
import ai.socagent.eventbus.EventBusContract;
import ai.socagent.eventbus.EventHandler;
import ai.socagent.eventbus.TraceContext;
import ai.socagent.eventbus.envelope.EventCodec;
import ai.socagent.eventbus.routing.RoutingDefinitions;
import io.opentelemetry.api.OpenTelemetry;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The contract on the durable bus, started (so a queue without a handler would drop, not wait). */
class DurableInProcessEventBusContractTest extends EventBusContract {

    @TempDir
    Path journal;

    private InProcessEventBus bus;

    @BeforeEach
    void bus() {
        bus = InProcessEventBus.durable(
                RoutingDefinitions.bundled(),
                EventCodec.create(),
                InProcessEventBus.Journal.in(journal),
                InProcessEventBus.Options.defaults().withRetry(FAST_RETRY),
                OpenTelemetry.noop());
        bus.start();
    }

    @AfterEach
    void close() {
        bus.close();
    }

    @Override
    protected void publish(List<DomainEvent> events, TraceContext trace) {
        bus.publish(events, trace);
    }

    @Override
    protected void publishEvent(String source, String detailType, String detail) {
        bus.publishEvent("""
                {"version":"0","id":"1b2c","detail-type":"%s","source":"%s","account":"000000000000",\
                "time":"2026-11-26T10:00:00Z","region":"local","resources":[],"detail":%s}""".formatted(detailType, source, detail));
    }

    @Override
    protected void subscribe(String queue, EventHandler handler) {
        bus.subscribe(queue, handler);
    }

    @Override
    protected List<String> deadLetterReasons(String queue) {
        return bus.deadLetters(queue).stream().map(DeadLetter::reason).toList();
    }
}
