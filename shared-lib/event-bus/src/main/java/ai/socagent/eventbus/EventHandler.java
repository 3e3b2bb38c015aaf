package ai.socagent.eventbus;

/**
 * Handles the events delivered to one queue. A handler that throws has the delivery retried with
 * backoff, and once the retries are spent the event goes to the queue's dead-letter queue.
 */
@FunctionalInterface
public interface EventHandler {

    void handle(InboundEvent event) throws Exception;
}
