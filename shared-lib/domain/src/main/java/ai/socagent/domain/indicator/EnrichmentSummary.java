package ai.socagent.domain.indicator;

import ai.socagent.domain.Preconditions;
import java.util.List;

/**
 * Outcome of enriching a finding's indicators with threat intelligence.
 *
 * @param indicatorsChecked how many distinct indicators were looked up
 * @param hits every answer a source gave (an indicator may have hits from several sources)
 * @param summary a short analyst-readable conclusion
 */
public record EnrichmentSummary(int indicatorsChecked, List<IndicatorHit> hits, String summary) {

    public EnrichmentSummary {
        if (indicatorsChecked < 0) {
            throw new IllegalArgumentException("indicatorsChecked must not be negative but was " + indicatorsChecked);
        }
        hits = Preconditions.copyList(hits, "hits");
        long distinct = hits.stream().map(IndicatorHit::indicator).distinct().count();
        if (distinct > indicatorsChecked) {
            throw new IllegalArgumentException(
                    "hits cover " + distinct + " distinct indicators but only " + indicatorsChecked + " were checked");
        }
        Preconditions.requireNonNull(summary, "summary");
    }

    /** Hits whose verdict is {@link Reputation#MALICIOUS}. */
    public List<IndicatorHit> maliciousHits() {
        return hits.stream()
                .filter(hit -> hit.reputation() == Reputation.MALICIOUS)
                .toList();
    }
}
