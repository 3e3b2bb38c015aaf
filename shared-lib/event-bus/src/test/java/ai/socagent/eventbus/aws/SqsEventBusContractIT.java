package ai.socagent.eventbus.aws;

import ai.socagent.domain.event.DomainEvent;
import ai.socagent.eventbus.EventBusContract;
import ai.socagent.eventbus.EventHandler;
import ai.socagent.eventbus.IdempotencyStore;
import ai.socagent.eventbus.TraceContext;
import ai.socagent.eventbus.envelope.EventCodec;
import ai.socagent.eventbus.routing.QueueDefinition;
import ai.socagent.eventbus.routing.RoutingDefinition;
import ai.socagent.eventbus.routing.RoutingDefinitions;
import ai.socagent.testsupport.backends.AwsEndpoint;
import ai.socagent.testsupport.backends.BackendMode;
import ai.socagent.testsupport.backends.TestBackends;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The event bus contract over the real protocols: EventBridgePublisher -> EventBridge rules from
 * rules.json -> SQS -> SqsEventConsumer (a spring-cloud-aws listener container on an SqsAsyncClient),
 * with DynamoDB idempotency, all in the emulator. A fresh set of resources per test.
 */
class SqsEventBusContractIT extends EventBusContract {

    private static final RoutingDefinition DEFINITION = RoutingDefinitions.bundled();

    private static EventBridgeClient events;
    private static SqsClient sqs;
    private static SqsAsyncClient sqsAsync;
    private static SnsClient sns;
    private static DynamoDbClient dynamo;
    private static String claimsTable;

    private LocalBusBootstrapper bootstrapper;
    private BootstrappedBus bus;
    private IdempotencyStore idempotency;
    private final List<SqsEventConsumer> consumers = new CopyOnWriteArrayList<>();
    private final Map<String, List<String>> deadLetters = new ConcurrentHashMap<>();

    @BeforeAll
    static void clients() {
        AwsEndpoint aws = TestBackends.aws();
        events = aws.configure(EventBridgeClient.builder()).build();
        sqs = aws.configure(SqsClient.builder()).build();
        sqsAsync = aws.configure(SqsAsyncClient.builder()).build();
        sns = aws.configure(SnsClient.builder()).build();
        dynamo = aws.configure(DynamoDbClient.builder()).build();
        claimsTable = TestBackends.uniqueName("event-claims");
        DynamoDbIdempotencyStore.createTable(dynamo, claimsTable);
    }

    @AfterAll
    static void closeClients() {
        if (events != null) {
            dynamo.deleteTable(b -> b.tableName(claimsTable));
            events.close();
            sqs.close();
            sqsAsync.close();
            sns.close();
            dynamo.close();
        }
    }

    @BeforeEach
    void bootstrap() {
        bootstrapper = LocalBusBootstrapper.create(events, sqs, sns);
        if (TestBackends.mode() == BackendMode.PROCESS) {
            bootstrapper = bootstrapper.withTopicTargetsAsQueues();
        }
        bus = bootstrapper.bootstrap(
                DEFINITION, "-" + TestBackends.uniqueName("c").substring(2));
        idempotency = DynamoDbIdempotencyStore.create(dynamo, claimsTable);
    }

    @AfterEach
    void teardown() {
        consumers.forEach(SqsEventConsumer::close);
        if (bus != null) {
            bootstrapper.teardown(DEFINITION, bus);
        }
    }

    @Override
    protected void publish(List<DomainEvent> published, TraceContext trace) {
        EventBridgePublisher.create(events, bus.busName(), EventCodec.create()).publish(published, trace);
    }

    @Override
    protected void publishEvent(String source, String detailType, String detail) {
        var response = events.putEvents(b -> b.entries(PutEventsRequestEntry.builder()
                .eventBusName(bus.busName())
                .source(source)
                .detailType(detailType)
                .detail(detail)
                .build()));
        if (response.failedEntryCount() > 0) {
            throw new IllegalStateException("PutEvents refused the entry: " + response.entries());
        }
    }

    @Override
    protected void subscribe(String queue, EventHandler handler) {
        QueueDefinition definition = DEFINITION.queue(queue).orElseThrow();
        SqsEventConsumer consumer = SqsEventConsumer.builder()
                .sqs(sqsAsync)
                .queue(definition, bus.queueUrl(queue), bus.queueUrl(definition.deadLetterQueue()))
                .idempotency(idempotency)
                .handler(handler)
                .retry(FAST_RETRY)
                .waitTimeSeconds(1)
                .build();
        consumers.add(consumer);
        consumer.start();
    }

    @Override
    protected List<String> deadLetterReasons(String queue) {
        String url = bus.queueUrl(DEFINITION.queue(queue).orElseThrow().deadLetterQueue());
        List<String> reasons = deadLetters.computeIfAbsent(queue, q -> new CopyOnWriteArrayList<>());
        List<Message> messages = sqs.receiveMessage(
                        b -> b.queueUrl(url).maxNumberOfMessages(10).messageAttributeNames("All"))
                .messages();
        for (Message message : messages) {
            var reason = message.messageAttributes().get(SqsEventConsumer.REASON_ATTRIBUTE);
            reasons.add(reason == null ? "(moved by the redrive policy, no reason)" : reason.stringValue());
            sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(message.receiptHandle()));
        }
        return List.copyOf(reasons);
    }
}
