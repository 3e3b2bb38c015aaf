package ai.socagent.eventbus.inprocess;

import java.time.Instant;

/**
 * An event the in-process bus could not deliver, kept with why.
 *
 * @param id its id in the dead-letter queue (a UUID), what {@link InProcessDeadLetterOperations} redrives by
 * @param deadLetterQueue the dead-letter queue it is in ({@code <queue>-dlq})
 * @param queue the queue it was delivered to
 * @param eventJson the EventBridge event, verbatim
 * @param reason why: an {@link ai.socagent.eventbus.UndeliverableEventException.Reason} name, or
 *     {@code HANDLER_FAILED}, then the detail
 * @param attempts how many times the handler was called
 * @param at when it was dead-lettered
 */
public record DeadLetter(
        String id, String deadLetterQueue, String queue, String eventJson, String reason, int attempts, Instant at) {}
