package ai.socagent.eventbus;

import ai.socagent.domain.event.DomainEvent;
import java.util.List;

/** Publishes pipeline events on the agents' bus. */
public interface EventPublisher {

    /**
     * Publishes {@code events}, each with {@code trace}. Returns once every event is accepted.
     *
     * @throws UndeliverableEventException with {@link UndeliverableEventException.Reason#TOO_LARGE}
     *     before anything is sent when an event exceeds what the bus accepts
     */
    void publish(List<? extends DomainEvent> events, TraceContext trace);

    /** Publishes one event. */
    default void publish(DomainEvent event, TraceContext trace) {
        publish(List.of(event), trace);
    }
}
