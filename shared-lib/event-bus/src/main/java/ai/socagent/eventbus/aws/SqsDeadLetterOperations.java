package ai.socagent.eventbus.aws;

import ai.socagent.eventbus.DeadLetterOperations;
import ai.socagent.eventbus.routing.QueueDefinition;
import ai.socagent.eventbus.routing.RoutingDefinition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * {@link DeadLetterOperations} on SQS dead-letter queues. Listing receives the messages with a short
 * visibility timeout and makes them visible again at once; redriving sends a message's body back to
 * the source queue and then deletes it from the dead-letter queue (receive + send + delete, which
 * also lets an operator pick single messages; {@code StartMessageMoveTask} moves only everything). A
 * message is received by one caller at a time, so concurrent redrives move it once; should the delete
 * fail after the send, the consumer's idempotency claim absorbs the second copy.
 *
 * <p>The reason is the message attribute {@value SqsEventConsumer#REASON_ATTRIBUTE} written by {@link
 * SqsEventConsumer}; a message the queue's redrive policy moved has none.
 */
public final class SqsDeadLetterOperations implements DeadLetterOperations {

    /** How long a message being inspected or moved stays hidden from other callers. */
    private static final int HOLD_SECONDS = 30;

    private final SqsClient sqs;
    private final RoutingDefinition definition;
    private final Function<String, String> queueUrls;

    private SqsDeadLetterOperations(SqsClient sqs, RoutingDefinition definition, Function<String, String> queueUrls) {
        this.sqs = sqs;
        this.definition = definition;
        this.queueUrls = queueUrls;
    }

    /** Operations on the queues {@code bus} created. */
    public static SqsDeadLetterOperations create(SqsClient sqs, RoutingDefinition definition, BootstrappedBus bus) {
        return new SqsDeadLetterOperations(sqs, definition, bus::queueUrl);
    }

    /** Operations on the queues whose URLs {@code queueUrls} gives by logical name (queues and dead-letter queues). */
    public static SqsDeadLetterOperations create(
            SqsClient sqs, RoutingDefinition definition, Function<String, String> queueUrls) {
        return new SqsDeadLetterOperations(sqs, definition, queueUrls);
    }

    @Override
    public List<DeadLetterMessage> list(String queue, int max) {
        String dlq = deadLetterQueueUrl(queue);
        List<Message> held = new ArrayList<>();
        try {
            while (held.size() < max) {
                List<Message> batch = receive(dlq, Math.min(10, max - held.size()));
                if (batch.isEmpty()) {
                    break;
                }
                held.addAll(batch);
            }
            return held.stream().map(m -> toDeadLetter(queue, m)).toList();
        } finally {
            release(dlq, held);
        }
    }

    @Override
    public int redrive(String queue, Set<String> ids) {
        return move(queue, Set.copyOf(ids));
    }

    @Override
    public int redriveAll(String queue) {
        return move(queue, null);
    }

    private int move(String queue, Set<String> ids) {
        String dlq = deadLetterQueueUrl(queue);
        String source = queueUrls.apply(queue);
        Set<String> remaining = ids == null ? null : new HashSet<>(ids);
        List<Message> skipped = new ArrayList<>();
        int moved = 0;
        try {
            while (remaining == null || !remaining.isEmpty()) {
                List<Message> batch = receive(dlq, 10);
                if (batch.isEmpty()) {
                    break;
                }
                for (Message message : batch) {
                    if (remaining != null && !remaining.remove(message.messageId())) {
                        skipped.add(message);
                        continue;
                    }
                    sqs.sendMessage(b -> b.queueUrl(source).messageBody(message.body()));
                    sqs.deleteMessage(b -> b.queueUrl(dlq).receiptHandle(message.receiptHandle()));
                    moved++;
                }
            }
        } finally {
            release(dlq, skipped);
        }
        return moved;
    }

    private List<Message> receive(String url, int max) {
        return sqs.receiveMessage(b -> b.queueUrl(url)
                        .maxNumberOfMessages(max)
                        .waitTimeSeconds(0)
                        .visibilityTimeout(HOLD_SECONDS)
                        .messageAttributeNames("All")
                        .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                .messages();
    }

    private void release(String url, List<Message> messages) {
        for (Message message : messages) {
            sqs.changeMessageVisibility(
                    b -> b.queueUrl(url).receiptHandle(message.receiptHandle()).visibilityTimeout(0));
        }
    }

    private DeadLetterMessage toDeadLetter(String queue, Message message) {
        Map<String, MessageAttributeValue> attributes = message.messageAttributes();
        MessageAttributeValue reason = attributes.get(SqsEventConsumer.REASON_ATTRIBUTE);
        MessageAttributeValue receives = attributes.get(SqsEventConsumer.RECEIVE_COUNT_ATTRIBUTE);
        int receiveCount = receives != null
                ? Integer.parseInt(receives.stringValue())
                : Integer.parseInt(
                        message.attributes().getOrDefault(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "0"));
        return new DeadLetterMessage(
                message.messageId(),
                queue,
                message.body(),
                reason == null ? DeadLetterMessage.NO_REASON : reason.stringValue(),
                receiveCount);
    }

    private String deadLetterQueueUrl(String queue) {
        QueueDefinition definitionOfQueue = definition
                .queue(queue)
                .orElseThrow(
                        () -> new IllegalArgumentException("'" + queue + "' is no queue of the routing definition"));
        return queueUrls.apply(definitionOfQueue.deadLetterQueue());
    }
}
