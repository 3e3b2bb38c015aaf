package ai.socagent.testsupport.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.socagent.testsupport.backends.AwsEndpoint;
import ai.socagent.testsupport.backends.TestBackends;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The agents' event bus: a rule routes only matching events to an SQS queue, in the envelope. */
class EventBridgeIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static EventBridgeClient events;
    private static SqsClient sqs;

    @BeforeAll
    static void clients() {
        AwsEndpoint aws = TestBackends.aws();
        events = aws.configure(EventBridgeClient.builder()).build();
        sqs = aws.configure(SqsClient.builder()).build();
    }

    @AfterAll
    static void close() {
        if (events != null) {
            events.close();
            sqs.close();
        }
    }

    @Test
    void ruleDeliversOnlyMatchingEventsToTheQueue() throws Exception {
        String suffix = TestBackends.uniqueName("x").substring(2);
        String busName = "ai-agent-events-" + suffix;
        String ruleName = "classified-" + suffix;

        String busArn = events.createEventBus(b -> b.name(busName)).eventBusArn();
        String ruleArn = events.putRule(b -> b.name(ruleName)
                        .eventBusName(busName)
                        .eventPattern("{\"source\":[\"ai-agent-service\"],"
                                + "\"detail-type\":[\"Threat Classification Complete\"]}"))
                .ruleArn();

        String queueUrl =
                sqs.createQueue(b -> b.queueName("classified-" + suffix)).queueUrl();
        String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
        String policy = """
                {"Version":"2012-10-17","Statement":[{"Sid":"events","Effect":"Allow",\
                "Principal":{"Service":"events.amazonaws.com"},"Action":"sqs:SendMessage",\
                "Resource":"%s","Condition":{"ArnEquals":{"aws:SourceArn":"%s"}}}]}""".formatted(queueArn, ruleArn);
        sqs.setQueueAttributes(b -> b.queueUrl(queueUrl).attributes(Map.of(QueueAttributeName.POLICY, policy)));

        var targets = events.putTargets(b -> b.rule(ruleName)
                .eventBusName(busName)
                .targets(Target.builder().id("queue").arn(queueArn).build()));
        assertThat(targets.failedEntryCount()).isZero();
        assertThat(events.listTargetsByRule(b -> b.rule(ruleName).eventBusName(busName))
                        .targets())
                .extracting(Target::arn)
                .containsExactly(queueArn);

        PutEventsResponse put = events.putEvents(b -> b.entries(
                entry(busName, "Threat Classification Complete", "{\"findingId\":\"f-1\",\"severity\":\"HIGH\"}"),
                entry(busName, "Investigation Complete", "{\"findingId\":\"f-2\"}")));
        assertThat(put.failedEntryCount()).isZero();
        assertThat(put.entries()).allSatisfy(e -> assertThat(e.eventId()).isNotBlank());

        List<Message> received = new CopyOnWriteArrayList<>();
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            received.addAll(sqs.receiveMessage(
                            b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages());
            return !received.isEmpty();
        });
        // Anything else would have arrived with it: delivery happens inside PutEvents. Look once more.
        received.addAll(sqs.receiveMessage(
                        b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
                .messages());

        assertThat(received).hasSize(1);
        JsonNode envelope = JSON.readTree(received.getFirst().body());
        assertThat(envelope.path("source").asText()).isEqualTo("ai-agent-service");
        assertThat(envelope.path("detail-type").asText()).isEqualTo("Threat Classification Complete");
        assertThat(envelope.path("id").asText())
                .isEqualTo(put.entries().getFirst().eventId());
        assertThat(envelope.path("detail").path("findingId").asText()).isEqualTo("f-1");
        assertThat(envelope.path("detail").path("severity").asText()).isEqualTo("HIGH");
        assertThat(envelope.path("region").asText())
                .isEqualTo(TestBackends.aws().region().id());
        assertThat(busArn).endsWith(busName);
    }

    private static PutEventsRequestEntry entry(String bus, String detailType, String detail) {
        return PutEventsRequestEntry.builder()
                .eventBusName(bus)
                .source("ai-agent-service")
                .detailType(detailType)
                .detail(detail)
                .build();
    }
}
