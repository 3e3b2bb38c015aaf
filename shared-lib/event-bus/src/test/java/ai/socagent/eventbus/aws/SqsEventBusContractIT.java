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
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The event bus contract over the real protocols: EventBridgePublisher -> EventBridge rules from
 * rules.json -> SQS -> SqsEventConsumer (a spring-cloud-aws listener container on an SqsAsyncClient),
 * with DynamoDB idempotency, all in the emulator. A fresh set of resources per test.
 */
class SqsEventBusContractIT extends EventBusContract {

    private static final RoutingDefinition DEFINITION = RoutingDefinitions.bundled();

    private static MotoBus.Clients clients;
    private static SqsAsyncClient sqsAsync;
    private static DynamoDbClient dynamo;
    private static String claimsTable;

    private MotoBus bus;
    private IdempotencyStore idempotency;
    private final List<SqsEventConsumer> consumers = new CopyOnWriteArrayList<>();
    private final Map<String, List<String>> deadLetters = new ConcurrentHashMap<>();

    @BeforeAll
    static void clients() {
        clients = MotoBus.clients();
        sqsAsync = clients.aws().configure(SqsAsyncClient.builder()).build();
        dynamo = clients.aws().configure(DynamoDbClient.builder()).build();
        claimsTable = TestBackends.uniqueName("event-claims");
        DynamoDbIdempotencyStore.createTable(dynamo, claimsTable);
    }

    @AfterAll
    static void closeClients() {
        if (clients != null) {
            dynamo.deleteTable(b -> b.tableName(claimsTable));
            clients.close();
            sqsAsync.close();
            dynamo.close();
        }
    }

    @BeforeEach
    void bootstrap() {
        bus = MotoBus.bootstrap(clients, DEFINITION, "c");
        idempotency = DynamoDbIdempotencyStore.create(dynamo, claimsTable);
    }

    @AfterEach
    void teardown() {
        consumers.forEach(SqsEventConsumer::close);
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
    protected void publishEvent(String source, String detailType, String detail) {
        var response = clients.events()
                .putEvents(b -> b.entries(PutEventsRequestEntry.builder()
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
        List<Message> messages = clients.sqs()
                .receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).messageAttributeNames("All"))
                .messages();
        for (Message message : messages) {
            var reason = message.messageAttributes().get(SqsEventConsumer.REASON_ATTRIBUTE);
            reasons.add(reason == null ? "(moved by the redrive policy, no reason)" : reason.stringValue());
            clients.sqs().deleteMessage(b -> b.queueUrl(url).receiptHandle(message.receiptHandle()));
        }
        return List.copyOf(reasons);
    }
}
