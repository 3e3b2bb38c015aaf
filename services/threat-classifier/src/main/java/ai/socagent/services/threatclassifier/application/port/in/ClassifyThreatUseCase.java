package ai.socagent.services.threatclassifier.application.port.in;

import ai.socagent.domain.event.DomainEvent;
import ai.socagent.domain.threat.Threat;
import java.util.List;

/**
 * Classifies threats and tells the pipeline: the verdict is kept for the agents after the classifier,
 * then its events are published.
 */
public interface ClassifyThreatUseCase {

    /**
     * Classifies a submitted threat (the API kept it already), keeps the verdict and publishes its
     * events.
     *
     * @return the events published: {@code Threat Classification Complete}, preceded by {@code
     *     Emergency Threat Detected} when the threat is CRITICAL
     */
    List<DomainEvent> classify(Threat threat);

    /**
     * Ingests a GuardDuty or Security Hub event that came straight from AWS (nobody kept its threats
     * before), keeps a threat per finding with the payload it was read from, then classifies each as {@link #classify} does. The findings
     * of one event share a new correlation id: nothing upstream of them exists.
     *
     * @return the events published, for every finding of the event in turn
     * @throws ai.socagent.ingestion.FindingRejectedException when the event is no valid finding
     */
    List<DomainEvent> classifyAwsEvent(String eventJson);
}
