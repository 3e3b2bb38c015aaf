package ai.socagent.services.socapi.application.port.in;

import ai.socagent.domain.threat.Threat;
import ai.socagent.services.socapi.domain.ThreatView;
import java.util.List;
import java.util.Optional;

/** Reads the threats of the pipeline: submitted here, or arrived straight from AWS. */
public interface QueryThreatsUseCase {

    /** A threat with its classification and audit trail. */
    Optional<ThreatView> findThreat(String threatId);

    /** The newest threats first, at most {@code limit} (1 to {@code MAX_QUERY_LIMIT}). */
    List<Threat> recentThreats(int limit);
}
