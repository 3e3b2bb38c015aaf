package ai.socagent.domain.classification;

import ai.socagent.domain.Preconditions;
import ai.socagent.domain.Severity;
import java.time.Instant;
import java.util.List;

/**
 * The threat classifier's verdict on a threat.
 *
 * @param category broad threat category
 * @param severity assessed severity (may differ from the finding's)
 * @param confidence confidence in the verdict, 0.0 to 1.0
 * @param tactics ATT&CK tactics, most relevant first
 * @param techniques ATT&CK techniques, most relevant first
 * @param classifiedBy the agent or analyst that classified
 * @param classifiedAt when
 */
public record Classification(
        ThreatCategory category,
        Severity severity,
        double confidence,
        List<TacticAssignment> tactics,
        List<TechniqueAssignment> techniques,
        String classifiedBy,
        Instant classifiedAt) {

    public Classification {
        Preconditions.requireNonNull(category, "category");
        Preconditions.requireNonNull(severity, "severity");
        Preconditions.requireProbability(confidence, "confidence");
        tactics = Preconditions.copyList(tactics, "tactics");
        techniques = Preconditions.copyList(techniques, "techniques");
        Preconditions.requireNonBlank(classifiedBy, "classifiedBy");
        Preconditions.requireNonNull(classifiedAt, "classifiedAt");
    }
}
