package ai.socagent.services.socapi.application.port.out;

import ai.socagent.domain.threat.Threat;
import java.util.List;
import java.util.Optional;

/** Reads back submitted threats. */
public interface ThreatLookupPort {

    Optional<Threat> findById(String threatId);

    List<Threat> newest(int limit);
}
