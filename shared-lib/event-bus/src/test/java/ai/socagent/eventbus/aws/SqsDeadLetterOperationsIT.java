package ai.socagent.eventbus.aws;

import ai.socagent.domain.event.DomainEvent;
import ai.socagent.eventbus.DeadLetterOperations;
import ai.socagent.eventbus.DeadLetterOperationsContract;
import ai.socagent.eventbus.EventHandler;
import ai.socagent.eventbus.TraceContext;
import ai.socagent.eventbus.envelope.EventCodec;
import ai.socagent.eventbus.inprocess.InMemoryIdempotencyStore;
import ai.socagent.eventbus.routing.RoutingDefinition;
import ai.socagent.eventbus.routing.RoutingDefinitions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * The DLQ inspector contract on SQS: EventBridge -> SQS -> SqsEventSubscriptions dead-letters with the
 * reason; SqsDeadLetterOperations lists and redrives, all in the emulator.
 */
class SqsDeadLetterOperationsIT extends DeadLetterOperationsContract {

    private static final RoutingDefinition DEFINITION = RoutingDefinitions.bundled();

    private static MotoBus.Clients clients;

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
        bus = MotoBus.bootstrap(clients, DEFINITION, "d");
        subscriptions = SqsEventSubscriptions.create(
                clients.sqsAsync(),
                DEFINITION,
                bus::queueUrl,
                EventCodec.create(),
                InMemoryIdempotencyStore.create(),
                new SqsEventSubscriptions.Settings(2, 4, FAST_RETRY, Duration.ofHours(1), 1));
    }

    @AfterEach
    void teardown() {
        if (subscriptions != null) {
            subscriptions.close();
        }
        if (bus != null) {
            bus.close();
        }
    }

    @Override
    protected void publish(List<DomainEvent> published, TraceContext trace) {
        EventBridgePublisher.create(clients.events(), bus.busName(), EventCodec.create())
                .publish(published, trace);
    }

    @Override
    protected void subscribe(String queue, EventHandler handler) {
        subscriptions.subscribe(queue, handler);
    }

    @Override
    protected DeadLetterOperations operations() {
        return SqsDeadLetterOperations.create(clients.sqs(), DEFINITION, bus.bus());
    }
}
