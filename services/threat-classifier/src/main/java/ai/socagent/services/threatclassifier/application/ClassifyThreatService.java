package ai.socagent.services.threatclassifier.application;

import ai.socagent.agentruntime.offline.OfflineThreatClassifier;
import ai.socagent.domain.NameBasedIds;
import ai.socagent.domain.Severity;
import ai.socagent.domain.classification.Classification;
import ai.socagent.domain.event.DomainEvent;
import ai.socagent.domain.event.EmergencyThreatDetected;
import ai.socagent.domain.event.ThreatClassificationComplete;
import ai.socagent.domain.threat.Threat;
import ai.socagent.services.threatclassifier.application.port.in.ClassifyThreatUseCase;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Classifies with the offline engine (the Bedrock path joins through the model port, issue #5)
 * and opens the investigation: its id is derived from the threat id, so a redelivered threat
 * lands in the same investigation.
 */
public final class ClassifyThreatService implements ClassifyThreatUseCase {

    static final UUID INVESTIGATION_NAMESPACE = UUID.fromString("3f6b8f0e-9a52-4d7c-b1e4-6c0d2a9e7f15");

    private final OfflineThreatClassifier classifier;
    private final Clock clock;

    public ClassifyThreatService(OfflineThreatClassifier classifier, Clock clock) {
        this.classifier = classifier;
        this.clock = clock;
    }

    @Override
    public List<DomainEvent> classify(Threat threat) {
        Classification classification = classifier.classify(threat.finding());
        Instant now = clock.instant();
        String investigationId = investigationIdFor(threat);
        List<DomainEvent> events = new ArrayList<>(2);
        if (classification.severity() == Severity.CRITICAL) {
            events.add(EmergencyThreatDetected.of(
                    threat.correlationId(),
                    now,
                    threat.threatId(),
                    investigationId,
                    classification,
                    "Classified CRITICAL: " + threat.finding().title()));
        }
        events.add(ThreatClassificationComplete.of(
                threat.correlationId(), now, threat.threatId(), investigationId, classification));
        return List.copyOf(events);
    }

    public static String investigationIdFor(Threat threat) {
        return NameBasedIds.uuidV5(INVESTIGATION_NAMESPACE, threat.threatId());
    }
}
