package ai.socagent.services.socapi.adapter.out.eventbus;

import ai.socagent.domain.event.ThreatSubmitted;
import ai.socagent.eventbus.EventPublisher;
import ai.socagent.eventbus.TraceContext;
import ai.socagent.services.socapi.application.port.out.ThreatSubmissionPort;

/** Puts {@code Threat Submitted} on the agents' bus; each submission starts a new trace. */
public final class EventBusThreatPublisher implements ThreatSubmissionPort {

    private final EventPublisher publisher;

    public EventBusThreatPublisher(EventPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void submit(ThreatSubmitted event) {
        publisher.publish(event, TraceContext.newRoot());
    }
}
