package ai.socagent.domain.investigation;

import ai.socagent.domain.Preconditions;
import ai.socagent.domain.classification.ThreatCategory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The root cause analysis of an investigation.
 *
 * @param summary what ultimately caused the incident
 * @param category the threat category the cause belongs to
 * @param confidence confidence, 0.0 to 1.0
 * @param causalChain the chain of events leading to the finding; stored sorted by time (stable for
 *     equal times)
 * @param contributingFactors conditions that enabled it (missing MFA, open security group, ...)
 */
public record RootCause(
        String summary,
        ThreatCategory category,
        double confidence,
        List<TimelineEntry> causalChain,
        List<String> contributingFactors) {

    public RootCause {
        Preconditions.requireNonBlank(summary, "summary");
        Preconditions.requireNonNull(category, "category");
        Preconditions.requireProbability(confidence, "confidence");
        List<TimelineEntry> sorted = new ArrayList<>(Preconditions.copyList(causalChain, "causalChain"));
        sorted.sort(Comparator.comparing(TimelineEntry::at));
        causalChain = List.copyOf(sorted);
        contributingFactors = Preconditions.copyList(contributingFactors, "contributingFactors");
    }
}
