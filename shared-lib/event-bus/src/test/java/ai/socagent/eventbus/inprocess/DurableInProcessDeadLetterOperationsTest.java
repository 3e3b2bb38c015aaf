package ai.socagent.eventbus.inprocess;

import ai.socagent.domain.event.DomainEvent;
import ai.socagent.eventbus.DeadLetterOperations;
import ai.socagent.eventbus.DeadLetterOperationsContract;
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

/** The DLQ inspector on the durable bus's journal. */
class DurableInProcessDeadLetterOperationsTest extends DeadLetterOperationsContract {

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
    protected void subscribe(String queue, EventHandler handler) {
        bus.subscribe(queue, handler);
    }

    @Override
    protected DeadLetterOperations operations() {
        return InProcessDeadLetterOperations.create(bus);
    }
}
