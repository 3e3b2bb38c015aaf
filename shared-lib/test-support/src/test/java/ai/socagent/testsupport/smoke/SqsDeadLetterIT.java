package ai.socagent.testsupport.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.socagent.testsupport.backends.TestBackends;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** A message that fails processing twice lands in the dead-letter queue. */
class SqsDeadLetterIT {

    private static SqsClient sqs;

    @BeforeAll
    static void client() {
        sqs = TestBackends.aws().configure(SqsClient.builder()).build();
    }

    @AfterAll
    static void close() {
        if (sqs != null) {
            sqs.close();
        }
    }

    @Test
    void messageReceivedTwiceWithoutDeleteMovesToTheDeadLetterQueue() {
        String name = TestBackends.uniqueName("findings");
        String dlqUrl = sqs.createQueue(b -> b.queueName(name + "-dlq")).queueUrl();
        String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
        String queueUrl = sqs.createQueue(b -> b.queueName(name)
                        .attributes(Map.of(
                                QueueAttributeName.VISIBILITY_TIMEOUT,
                                "1",
                                QueueAttributeName.REDRIVE_POLICY,
                                "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"2\"}")))
                .queueUrl();
        assertThat(sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.REDRIVE_POLICY))
                        .attributes()
                        .get(QueueAttributeName.REDRIVE_POLICY))
                .contains(dlqArn)
                .contains("2");

        String messageId =
                sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody("poison")).messageId();

        // Receive and never delete: each receive hides the message for the 1 s visibility timeout.
        List<Message> fromQueue = new CopyOnWriteArrayList<>();
        List<Message> fromDlq = new CopyOnWriteArrayList<>();
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    fromQueue.addAll(sqs.receiveMessage(b -> b.queueUrl(queueUrl)
                                    .maxNumberOfMessages(10)
                                    .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                            .messages());
                    fromDlq.addAll(sqs.receiveMessage(b -> b.queueUrl(dlqUrl).maxNumberOfMessages(10))
                            .messages());
                    return !fromDlq.isEmpty();
                });

        assertThat(fromQueue)
                .hasSize(2)
                .allSatisfy(m -> assertThat(m.messageId()).isEqualTo(messageId));
        assertThat(fromQueue)
                .extracting(m -> m.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                .containsExactly("1", "2");
        assertThat(fromDlq).singleElement().satisfies(m -> {
            assertThat(m.messageId()).isEqualTo(messageId);
            assertThat(m.body()).isEqualTo("poison");
        });
    }
}
