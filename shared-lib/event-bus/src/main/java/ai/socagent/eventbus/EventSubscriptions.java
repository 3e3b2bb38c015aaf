package ai.socagent.eventbus;

/**
 * How a service consumes its queue, whichever bus carries the events: in the standalone mode the
 * in-process bus calls the handler, in the aws mode an SQS listener container consumes the queue. Queues marked
 * {@code priority} in the routing definition (the emergency path) are consumed with more concurrency,
 * on threads of their own, so they never wait behind ordinary traffic.
 */
@FunctionalInterface
public interface EventSubscriptions {

    /**
     * Delivers the events of the queue (or topic) with logical name {@code queue} to {@code handler},
     * from now on. One handler per queue.
     */
    void subscribe(String queue, EventHandler handler);
}
