package ai.socagent.testsupport.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.socagent.testsupport.backends.AwsEndpoint;
import ai.socagent.testsupport.backends.TestBackends;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Notifications: an SNS topic fans out to an SQS queue with raw message delivery. */
class SnsIT {

    private static SnsClient sns;
    private static SqsClient sqs;

    @BeforeAll
    static void clients() {
        AwsEndpoint aws = TestBackends.aws();
        sns = aws.configure(SnsClient.builder()).build();
        sqs = aws.configure(SqsClient.builder()).build();
    }

    @AfterAll
    static void close() {
        if (sns != null) {
            sns.close();
            sqs.close();
        }
    }

    @Test
    void publishedMessageArrivesRawInTheSubscribedQueue() {
        String name = TestBackends.uniqueName("alerts");
        String topicArn = sns.createTopic(b -> b.name(name)).topicArn();
        String queueUrl = sqs.createQueue(b -> b.queueName(name)).queueUrl();
        String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
        String policy = """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow",\
                "Principal":{"Service":"sns.amazonaws.com"},"Action":"sqs:SendMessage",\
                "Resource":"%s","Condition":{"ArnEquals":{"aws:SourceArn":"%s"}}}]}""".formatted(queueArn, topicArn);
        sqs.setQueueAttributes(b -> b.queueUrl(queueUrl).attributes(Map.of(QueueAttributeName.POLICY, policy)));

        String subscriptionArn = sns.subscribe(b -> b.topicArn(topicArn)
                        .protocol("sqs")
                        .endpoint(queueArn)
                        .attributes(Map.of("RawMessageDelivery", "true"))
                        .returnSubscriptionArn(true))
                .subscriptionArn();
        assertThat(sns.getSubscriptionAttributes(b -> b.subscriptionArn(subscriptionArn))
                        .attributes())
                .containsEntry("RawMessageDelivery", "true");

        String body = "{\"findingId\":\"f-42\",\"action\":\"isolate-host\"}";
        String messageId = sns.publish(b -> b.topicArn(topicArn).message(body).subject("Response required"))
                .messageId();
        assertThat(messageId).isNotBlank();

        List<Message> received = new CopyOnWriteArrayList<>();
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            received.addAll(sqs.receiveMessage(
                            b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages());
            return !received.isEmpty();
        });
        assertThat(received).singleElement().satisfies(m -> assertThat(m.body()).isEqualTo(body));
    }
}
