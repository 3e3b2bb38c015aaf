package ai.socagent.knowledgebase;

import ai.socagent.domain.indicator.Indicator;
import ai.socagent.domain.indicator.IndicatorHit;
import ai.socagent.domain.indicator.Reputation;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a threat-intelligence feed says about one indicator.
 *
 * @param indicator the validated, normalised observable
 * @param reputation the feed's verdict
 * @param confidence the feed's confidence, 0.0 to 1.0
 * @param source the feed it came from
 * @param labels threat names, malware families, campaign tags
 * @param firstSeen when the feed first saw it, null when the feed does not say
 * @param lastSeen when the feed last saw it (or until when it is valid), null when not said
 * @param techniqueIds related ATT&CK technique ids (upper case)
 */
public record IntelIndicator(
        Indicator indicator,
        Reputation reputation,
        double confidence,
        String source,
        List<String> labels,
        Instant firstSeen,
        Instant lastSeen,
        List<String> techniqueIds) {

    public IntelIndicator {
        Objects.requireNonNull(indicator, "indicator");
        Objects.requireNonNull(reputation, "reputation");
        if (!(confidence >= 0.0 && confidence <= 1.0)) {
            throw new IllegalArgumentException("confidence must be within 0.0 and 1.0 but was " + confidence);
        }
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("source must not be blank");
        }
        labels = List.copyOf(Objects.requireNonNullElse(labels, List.of()));
        techniqueIds = Objects.requireNonNullElse(techniqueIds, List.<String>of()).stream()
                .map(TechniqueDocument::normalizeId)
                .distinct()
                .toList();
        if (firstSeen != null && lastSeen != null && lastSeen.isBefore(firstSeen)) {
            throw new IllegalArgumentException("lastSeen " + lastSeen + " is before firstSeen " + firstSeen);
        }
    }

    /** First sighting, when the feed gives one. */
    public Optional<Instant> firstSeenAt() {
        return Optional.ofNullable(firstSeen);
    }

    /** Last sighting, when the feed gives one. */
    public Optional<Instant> lastSeenAt() {
        return Optional.ofNullable(lastSeen);
    }

    /** The domain's view of this answer, for the enrichment of a finding. */
    public IndicatorHit toHit() {
        String description =
                techniqueIds.isEmpty() ? "" : "related ATT&CK techniques: " + String.join(", ", techniqueIds);
        return new IndicatorHit(indicator, source, reputation, confidence, labels, description);
    }
}
