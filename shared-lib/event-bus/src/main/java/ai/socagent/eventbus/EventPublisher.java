package ai.socagent.eventbus;

import ai.socagent.domain.event.DomainEvent;
import java.util.List;

/** Publishes pipeline events on the agents' bus. */
public interface EventPublisher {

    /**
     * Publishes {@code events}, each with {@code trace}. Returns once every event is accepted.
     *
     * @param trace the trace to continue; null for the caller's own ({@link #publishInCurrentTrace})
     * @throws UndeliverableEventException with {@link UndeliverableEventException.Reason#TOO_LARGE}
     *     before anything is sent when an event exceeds what the bus accepts
     */
    void publish(List<? extends DomainEvent> events, TraceContext trace);

    /** Publishes one event. */
    default void publish(DomainEvent event, TraceContext trace) {
        publish(List.of(event), trace);
    }

    /**
     * Publishes {@code events} in the caller's trace: the current span's, which is the consumer span
     * of the event being handled when a handler (or a use case it calls) publishes ({@link
     * EventTracing#handle}); outside any span, a new trace. So an agent's outbound adapter publishes
     * its results in the trace of the event that caused them without the use case carrying a trace
     * context.
     */
    default void publishInCurrentTrace(List<? extends DomainEvent> events) {
        publish(events, null);
    }
}
