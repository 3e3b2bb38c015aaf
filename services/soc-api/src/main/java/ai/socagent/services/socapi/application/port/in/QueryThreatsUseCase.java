package ai.socagent.services.socapi.application.port.in;

import ai.socagent.domain.threat.Threat;
import java.util.List;
import java.util.Optional;

/** Reads the threats submitted through this edge, newest first. */
public interface QueryThreatsUseCase {

    Optional<Threat> findThreat(String threatId);

    List<Threat> recentThreats(int limit);
}
