package ai.socagent.services.socapi.application.port.in;

import ai.socagent.domain.event.DomainEvent;
import ai.socagent.domain.threat.Threat;
import java.util.List;
import java.util.Optional;

/** Reads the threats submitted through this edge, newest first. */
public interface QueryThreatsUseCase {

    Optional<Threat> findThreat(String threatId);

    List<Threat> recentThreats(int limit);

    /** What the pipeline has said about a threat so far, oldest first. */
    List<DomainEvent> activityOf(String threatId);
}
