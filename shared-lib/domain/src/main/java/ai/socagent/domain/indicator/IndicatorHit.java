package ai.socagent.domain.indicator;

import ai.socagent.domain.Preconditions;
import java.util.List;

/**
 * What one threat intelligence source said about one indicator.
 *
 * @param indicator the indicator looked up
 * @param intelSource the feed or service that answered (e.g. "GuardDuty threat list", "OTX")
 * @param reputation the source's verdict
 * @param confidence the source's confidence in its verdict, 0.0 to 1.0
 * @param labels threat names, malware families or campaign tags the source attached
 * @param description free-text context from the source, possibly empty
 */
public record IndicatorHit(
        Indicator indicator,
        String intelSource,
        Reputation reputation,
        double confidence,
        List<String> labels,
        String description) {

    public IndicatorHit {
        Preconditions.requireNonNull(indicator, "indicator");
        Preconditions.requireNonBlank(intelSource, "intelSource");
        Preconditions.requireNonNull(reputation, "reputation");
        Preconditions.requireProbability(confidence, "confidence");
        labels = Preconditions.copyList(labels, "labels");
        Preconditions.requireNonNull(description, "description");
    }
}
