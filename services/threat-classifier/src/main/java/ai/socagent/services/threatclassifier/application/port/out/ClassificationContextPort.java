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
