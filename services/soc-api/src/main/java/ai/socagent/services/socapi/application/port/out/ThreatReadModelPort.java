package ai.socagent.services.socapi.application.port.out;

import ai.socagent.domain.threat.Threat;
import ai.socagent.services.socapi.domain.ThreatView;
import java.util.List;
import java.util.Optional;

/** The threats as the pipeline left them, shared by every instance of the API. */
public interface ThreatReadModelPort {

    /** The threat with what the agents concluded so far; empty when unknown or expired. */
    Optional<ThreatView> find(String threatId);

    /** The most recent threats, newest first, at most {@code limit}. */
    List<Threat> newest(int limit);
}
