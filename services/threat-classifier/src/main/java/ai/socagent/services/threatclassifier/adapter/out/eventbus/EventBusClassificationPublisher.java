package ai.socagent.services.threatclassifier.adapter.out.eventbus;

import ai.socagent.domain.event.DomainEvent;
import ai.socagent.eventbus.EventPublisher;
import ai.socagent.services.threatclassifier.application.port.out.ClassificationEventsPort;
import java.util.List;
import java.util.Objects;

/**
 * Puts the classifier's events on the agents' bus (in-process or EventBridge). The use case publishes
 * while the bus handles the threat's event, so the events continue that event's trace: its consumer
 * span is current ({@link EventPublisher#publishInCurrentTrace}); a raw AWS finding starts a trace.
 */
public final class EventBusClassificationPublisher implements ClassificationEventsPort {

    private final EventPublisher publisher;

    public EventBusClassificationPublisher(EventPublisher publisher) {
        this.publisher = Objects.requireNonNull(publisher, "publisher");
    }

    @Override
    public void publish(List<DomainEvent> events) {
        publisher.publishInCurrentTrace(events);
    }
}
