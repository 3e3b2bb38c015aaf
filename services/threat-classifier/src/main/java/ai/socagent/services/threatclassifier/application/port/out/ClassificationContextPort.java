package ai.socagent.services.threatclassifier.application.port.out;

import ai.socagent.domain.classification.Classification;
import ai.socagent.domain.threat.Threat;
import java.time.Instant;
import java.util.Optional;

/**
 * Where the classifier leaves what it concluded, for the agents after it: the investigation's
 * context (what was classified, by which engine, why offline) and the global threat pattern
 * (category and severity over time, for correlation across investigations).
 */
public interface ClassificationContextPort {

    /**
     * Keeps a threat that reached the classifier straight from AWS (a GuardDuty or Security Hub
     * event on the default bus), with the payload it was read from, the way the API keeps the threats
     * it accepts, so that every threat is found by id and listed whichever way it came. The first
     * arrival stands: a redelivered event keeps nothing twice.
     *
     * @return the threat as kept: this one, or its first arrival
     */
    Threat recordArrival(Threat threat, String rawPayload);

    /**
     * Records one classification. Recording the same threat again (a redelivered event) changes
     * nothing.
     *
     * @param producedBy the model id, or the offline engine's name
     * @param fallbackReason why the offline engine answered; empty when a model did
     */
    void record(
            Threat threat,
            String investigationId,
            Classification classification,
            String producedBy,
            Optional<String> fallbackReason,
            Instant classifiedAt);
}
