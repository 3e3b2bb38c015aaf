package ai.socagent.eventbus.routing;

/**
 * A consumer's SQS queue (logical name) and its dead-letter queue.
 *
 * @param name logical queue name, one per consuming service (plus priority queues)
 * @param deadLetterQueue logical name of the queue that receives what fails {@code maxReceiveCount} times
 * @param maxReceiveCount receives before a message moves to the dead-letter queue (SQS redrive policy)
 * @param visibilityTimeoutSeconds how long a received message stays invisible while it is handled
 * @param priority true for queues that carry the emergency path
 */
public record QueueDefinition(
        String name, String deadLetterQueue, int maxReceiveCount, int visibilityTimeoutSeconds, boolean priority) {}
