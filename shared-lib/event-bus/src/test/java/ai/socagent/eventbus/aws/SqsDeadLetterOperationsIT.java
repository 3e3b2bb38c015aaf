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
import ai.socagent.testsupport.backends.AwsEndpoint;
import ai.socagent.testsupport.backends.BackendMode;
import ai.socagent.testsupport.backends.TestBackends;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The DLQ inspector contract on SQS: EventBridge -> SQS -> SqsEventSubscriptions dead-letters with the
 * reason; SqsDeadLetterOperations lists and redrives, all in the emulator.
 */
class SqsDeadLetterOperationsIT extends DeadLetterOperationsContract {

    private static final RoutingDefinition DEFINITION = RoutingDefinitions.bundled();

    private static EventBridgeClient events;
    private static SqsClient sqs;
    private static SnsClient sns;

    private LocalBusBootstrapper bootstrapper;
    private BootstrappedBus bus;
    private SqsEventSubscriptions subscriptions;

    @BeforeAll
    static void clients() {
        AwsEndpoint aws = TestBackends.aws();
        events = aws.configure(EventBridgeClient.builder()).build();
        sqs = aws.configure(SqsClient.builder()).build();
        sns = aws.configure(SnsClient.builder()).build();
    }

    @AfterAll
    static void closeClients() {
        if (events != null) {
            events.close();
            sqs.close();
            sns.close();
        }
    }

    @BeforeEach
    void bootstrap() {
        bootstrapper = LocalBusBootstrapper.create(events, sqs, sns);
        if (TestBackends.mode() == BackendMode.PROCESS) {
            bootstrapper = bootstrapper.withTopicTargetsAsQueues();
        }
        bus = bootstrapper.bootstrap(
                DEFINITION, "-" + TestBackends.uniqueName("d").substring(2));
        subscriptions = SqsEventSubscriptions.create(
                sqs,
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
            bootstrapper.teardown(DEFINITION, bus);
        }
    }

    @Override
    protected void publish(List<DomainEvent> published, TraceContext trace) {
        EventBridgePublisher.create(events, bus.busName(), EventCodec.create()).publish(published, trace);
    }

    @Override
    protected void subscribe(String queue, EventHandler handler) {
        subscriptions.subscribe(queue, handler);
    }

    @Override
    protected DeadLetterOperations operations() {
        return SqsDeadLetterOperations.create(sqs, DEFINITION, bus);
    }
}
