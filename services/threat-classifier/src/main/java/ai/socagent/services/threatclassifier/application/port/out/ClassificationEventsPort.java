package ai.socagent.services.threatclassifier.application.port.out;

import ai.socagent.domain.event.DomainEvent;
import java.util.List;

/**
 * Tells the agents after the classifier what it concluded: {@code Threat Classification Complete},
 * preceded by {@code Emergency Threat Detected} when CRITICAL.
 */
public interface ClassificationEventsPort {

    /**
     * Publishes the events of one classification, in order. Returns once they are accepted, so a
     * failure fails the classification and the threat is delivered again (the events' ids are derived
     * from the threat, so the agents after it handle them once). Called while the inbound event is
     * handled, they continue its trace.
     */
    void publish(List<DomainEvent> events);
}
