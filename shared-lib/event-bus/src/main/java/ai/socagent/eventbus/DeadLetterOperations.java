package ai.socagent.eventbus;

import java.util.List;
import java.util.Set;

/**
 * What an operator does with dead letters: look at what is in a queue's dead-letter queue and why,
 * and send chosen (or all) dead letters back to the queue once the cause is fixed. Queues are named
 * by their logical name from the routing definition (the consuming queue, not its dead-letter queue).
 * A redriven event is delivered as new; the consumer's idempotency claim was released when it
 * failed, so it is handled once.
 */
public interface DeadLetterOperations {

    /** Up to {@code max} dead letters of {@code queue}, left in place. */
    List<DeadLetterMessage> list(String queue, int max);

    /**
     * Moves the dead letters of {@code queue} whose {@link DeadLetterMessage#id()} is in {@code ids}
     * back to {@code queue}. Ids no longer there (redriven already) are skipped, so repeating a call
     * has no further effect.
     *
     * @return how many were moved
     */
    int redrive(String queue, Set<String> ids);

    /** Moves every dead letter of {@code queue} back to it; returns how many. */
    int redriveAll(String queue);

    /**
     * A dead letter as an operator sees it.
     *
     * @param id its id in the dead-letter queue (the SQS message id, in-process a generated one)
     * @param queue the queue it failed on
     * @param eventJson the EventBridge event, verbatim
     * @param reason why it is there ({@code UNKNOWN_DETAIL_TYPE: …}, {@code HANDLER_FAILED after 3
     *     attempts: …}); {@value #NO_REASON} when the queue's redrive policy moved it (a consumer died
     *     mid-message)
     * @param receiveCount deliveries before it was dead-lettered (SQS: receives including the
     *     inspections of the dead-letter queue so far)
     */
    record DeadLetterMessage(String id, String queue, String eventJson, String reason, int receiveCount) {

        /** The reason of a dead letter the redrive policy moved. */
        public static final String NO_REASON = "(moved by the redrive policy, no reason recorded)";
    }
}
