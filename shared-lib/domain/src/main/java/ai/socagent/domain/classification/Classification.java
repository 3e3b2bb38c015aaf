package ai.socagent.domain.classification;

import ai.socagent.domain.Preconditions;
import ai.socagent.domain.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The threat classifier's verdict on a threat.
 *
 * @param category broad threat category
 * @param severity assessed severity (may differ from the finding's)
 * @param confidence confidence in the verdict, 0.0 to 1.0
 * @param tactics ATT&CK tactics, most relevant first
 * @param techniques ATT&CK techniques, most relevant first
 * @param classifiedBy the agent or analyst that classified: a model id, or the offline engine
 * @param classifiedAt when
 * @param fallbackReason why the offline engine gave this verdict rather than a model (offline mode,
 *     token budget spent, model unavailable, invalid model output); empty when a model gave it
 */
public record Classification(
        ThreatCategory category,
        Severity severity,
        double confidence,
        List<TacticAssignment> tactics,
        List<TechniqueAssignment> techniques,
        String classifiedBy,
        Instant classifiedAt,
        Optional<String> fallbackReason) {

    public Classification {
        Preconditions.requireNonNull(category, "category");
        Preconditions.requireNonNull(severity, "severity");
        Preconditions.requireProbability(confidence, "confidence");
        tactics = Preconditions.copyList(tactics, "tactics");
        techniques = Preconditions.copyList(techniques, "techniques");
        Preconditions.requireNonBlank(classifiedBy, "classifiedBy");
        Preconditions.requireNonNull(classifiedAt, "classifiedAt");
        // absent in events written before the field existed
        fallbackReason = fallbackReason == null ? Optional.empty() : fallbackReason.filter(r -> !r.isBlank());
    }

    /** A verdict with no fallback to explain (a model's, or an analyst's). */
    public Classification(
            ThreatCategory category,
            Severity severity,
            double confidence,
            List<TacticAssignment> tactics,
            List<TechniqueAssignment> techniques,
            String classifiedBy,
            Instant classifiedAt) {
        this(category, severity, confidence, tactics, techniques, classifiedBy, classifiedAt, Optional.empty());
    }

    /** The same verdict, saying why the offline engine gave it. */
    public Classification withFallbackReason(String reason) {
        return new Classification(
                category, severity, confidence, tactics, techniques, classifiedBy, classifiedAt, Optional.of(reason));
    }
}
