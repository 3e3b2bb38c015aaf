package ai.socagent.eventbus.aws;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.springframework.messaging.Message;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * Moves a message a consumer gives up on to the queue's dead-letter queue, with why as message
 * attributes ({@link SqsEventConsumer#REASON_ATTRIBUTE}, {@link SqsEventConsumer#QUEUE_ATTRIBUTE},
 * {@link SqsEventConsumer#RECEIVE_COUNT_ATTRIBUTE}), which the queue's own redrive policy could not
 * record. The consumer acknowledges (deletes) the original once the move completed; if the move
 * fails the message stays, comes back after its visibility timeout, and the redrive policy moves it in
 * the end.
 */
final class SqsDeadLetterMove {

    private static final int MAX_REASON_LENGTH = 1000;

    private final SqsAsyncClient sqs;
    private final String queueName;
    private final String deadLetterQueueUrl;

    SqsDeadLetterMove(SqsAsyncClient sqs, String queueName, String deadLetterQueueUrl) {
        this.sqs = sqs;
        this.queueName = queueName;
        this.deadLetterQueueUrl = deadLetterQueueUrl;
    }

    /** Sends the body of {@code message} to the dead-letter queue; completes when SQS took it. */
    CompletableFuture<Void> move(Message<String> message, String reason, int receiveCount) {
        try {
            return sqs.sendMessage(b -> b.queueUrl(deadLetterQueueUrl)
                            .messageBody(message.getPayload())
                            .messageAttributes(Map.of(
                                    SqsEventConsumer.REASON_ATTRIBUTE,
                                    text(
                                            reason.length() > MAX_REASON_LENGTH
                                                    ? reason.substring(0, MAX_REASON_LENGTH)
                                                    : reason),
                                    SqsEventConsumer.QUEUE_ATTRIBUTE,
                                    text(queueName),
                                    SqsEventConsumer.RECEIVE_COUNT_ATTRIBUTE,
                                    text(String.valueOf(receiveCount)))))
                    .thenApply(response -> null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder()
                .dataType("String")
                .stringValue(value)
                .build();
    }
}
