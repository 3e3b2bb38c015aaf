package ai.socagent.services.threatclassifier.application.port.in;

import ai.socagent.domain.event.DomainEvent;
import ai.socagent.domain.threat.Threat;
import java.util.List;

/** Classifies a submitted threat and says what the pipeline must hear about it. */
public interface ClassifyThreatUseCase {

    /**
     * @return {@code Threat Classification Complete}, preceded by {@code Emergency Threat
     *     Detected} when the threat is CRITICAL
     */
    List<DomainEvent> classify(Threat threat);

    /**
     * Keeps a threat that arrived straight from AWS (nobody kept it before) with the payload its
     * finding was read from, then classifies it as {@link #classify} does.
     */
    List<DomainEvent> classifyArrival(Threat threat, String rawPayload);
}
