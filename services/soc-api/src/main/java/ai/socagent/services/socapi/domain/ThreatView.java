package ai.socagent.services.socapi.domain;

import ai.socagent.domain.audit.AuditEntry;
import ai.socagent.domain.classification.Classification;
import ai.socagent.domain.threat.Threat;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A threat as the SOC sees it: the threat, its investigation, what the agents concluded so far and
 * the audit trail of the pipeline's events.
 *
 * @param investigationId the threat's investigation (one per threat)
 * @param classification the ThreatClassifier's verdict, once there is one
 * @param activity the audit trail, oldest first
 * @param rawPayload the payload the finding was read from, while its evidence is kept
 */
public record ThreatView(
        Threat threat,
        String investigationId,
        Optional<Classification> classification,
        List<AuditEntry> activity,
        Optional<String> rawPayload) {

    public ThreatView {
        Objects.requireNonNull(threat, "threat");
        Objects.requireNonNull(investigationId, "investigationId");
        Objects.requireNonNull(classification, "classification");
        Objects.requireNonNull(rawPayload, "rawPayload");
        activity = activity.stream()
                .sorted(Comparator.comparing(AuditEntry::occurredAt))
                .toList();
    }
}
