package ai.socagent.eventbus.aws;

import ai.socagent.eventbus.routing.RoutingDefinition;
import ai.socagent.testsupport.backends.AwsEndpoint;
import ai.socagent.testsupport.backends.BackendMode;
import ai.socagent.testsupport.backends.TestBackends;
import java.util.Map;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A bus, rules, queues and topics from a routing definition in the emulator, under a unique suffix; what
 * {@link #close()} deletes again. The clients are shared by a test class ({@link #clients()} in
 * {@code @BeforeAll}, {@link Clients#close()} in {@code @AfterAll}), the bus is usually one per test.
 */
public final class MotoBus implements AutoCloseable {

    /**
     * The emulator's endpoint, the EventBridge, SQS and SNS clients the bootstrapper needs, and the
     * async SQS client the subscriptions consume with (a service gets it from the SQS starter).
     */
    public record Clients(
            AwsEndpoint aws, EventBridgeClient events, SqsClient sqs, SnsClient sns, SqsAsyncClient sqsAsync)
            implements AutoCloseable {

        @Override
        public void close() {
            events.close();
            sqs.close();
            sns.close();
            sqsAsync.close();
        }
    }

    private final Clients clients;
    private final RoutingDefinition definition;
    private final LocalBusBootstrapper bootstrapper;
    private final BootstrappedBus bus;

    private MotoBus(
            Clients clients, RoutingDefinition definition, LocalBusBootstrapper bootstrapper, BootstrappedBus bus) {
        this.clients = clients;
        this.definition = definition;
        this.bootstrapper = bootstrapper;
        this.bus = bus;
    }

    /** Clients of {@link TestBackends#aws()}. */
    public static Clients clients() {
        AwsEndpoint aws = TestBackends.aws();
        return new Clients(
                aws,
                aws.configure(EventBridgeClient.builder()).build(),
                aws.configure(SqsClient.builder()).build(),
                aws.configure(SnsClient.builder()).build(),
                aws.configure(SqsAsyncClient.builder()).build());
    }

    /**
     * Bootstraps {@code definition} with the suffix {@code "-"} + a unique name from {@code prefix} (its
     * first two characters dropped).
     */
    public static MotoBus bootstrap(Clients clients, RoutingDefinition definition, String prefix) {
        LocalBusBootstrapper bootstrapper = LocalBusBootstrapper.create(clients.events(), clients.sqs(), clients.sns());
        if (TestBackends.mode() == BackendMode.PROCESS) {
            // moto cannot deliver from EventBridge to SNS (see LocalBusBootstrapper#withTopicTargetsAsQueues).
            bootstrapper = bootstrapper.withTopicTargetsAsQueues();
        }
        BootstrappedBus bus = bootstrapper.bootstrap(
                definition, "-" + TestBackends.uniqueName(prefix).substring(2));
        return new MotoBus(clients, definition, bootstrapper, bus);
    }

    /** What the bootstrapper created. */
    public BootstrappedBus bus() {
        return bus;
    }

    public String busName() {
        return bus.busName();
    }

    public String queueUrl(String queue) {
        return bus.queueUrl(queue);
    }

    /** The suffix of every physical name. */
    public String suffix() {
        return bus.suffix();
    }

    /** Queue URLs looked up by logical name and {@link #suffix()}, as a service configured by name does. */
    public SqsQueueUrls queueUrls() {
        return new SqsQueueUrls(clients.sqs(), suffix(), Map.of());
    }

    /** Deletes what {@link #bootstrap} created. */
    @Override
    public void close() {
        bootstrapper.teardown(definition, bus);
    }
}
