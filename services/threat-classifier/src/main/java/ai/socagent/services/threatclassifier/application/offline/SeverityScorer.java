package ai.socagent.services.threatclassifier.application.offline;

import ai.socagent.domain.Severity;
import ai.socagent.domain.finding.Finding;
import ai.socagent.domain.finding.FindingSource;
import ai.socagent.domain.finding.Resource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Scores a finding's severity on GuardDuty's 0-10 scale and maps it to a band with {@link
 * Severity#fromGuardDutyScore(double)}: Low 1.0-3.9, Medium 4.0-6.9, High 7.0-8.9, Critical 9.0-10.0.
 *
 * <ol>
 *   <li>Base: the GuardDuty score for GuardDuty findings; otherwise the middle of the finding's
 *       band (INFORMATIONAL 0.5, LOW 2.5, MEDIUM 5.5, HIGH 8.0, CRITICAL 9.5).
 *   <li>Asset criticality, from the tags of the affected resources (the most critical resource
 *       counts; keys and values case-insensitive): a criticality-like key ({@code criticality},
 *       {@code business-criticality}, {@code tier}, {@code priority}...) valued critical/tier0/p0
 *       +2.0, high/tier1/p1 +1.0, low/tier3 -1.0; an environment key ({@code env}, {@code
 *       environment}, {@code stage}) valued prod/production/live +1.0, dev/test/sandbox/staging
 *       -1.0; a data-classification key valued confidential/restricted/secret/pii/pci/phi +1.0.
 *   <li>Intelligence: +1.5 for the first malicious hit and +0.5 for each further one, up to +2.5;
 *       +0.5 when there are only suspicious hits.
 * </ol>
 *
 * The sum is clamped to 0..10. Each adjustment is reported as a factor, for the rationale.
 */
public final class SeverityScorer {

    private static final Set<String> CRITICALITY_KEYS = Set.of(
            "criticality",
            "business-criticality",
            "businesscriticality",
            "business_criticality",
            "asset-criticality",
            "assetcriticality",
            "asset_criticality",
            "tier",
            "priority",
            "impact",
            "importance",
            "sensitivity");
    private static final Set<String> ENVIRONMENT_KEYS = Set.of("env", "environment", "stage", "stack", "tier-env");
    private static final Set<String> DATA_KEYS =
            Set.of("data-classification", "dataclassification", "data_classification", "classification", "data");

    /**
     * The threat intelligence signal for a finding.
     *
     * @param maliciousHits answers that called an indicator malicious
     * @param suspiciousHits answers that called an indicator suspicious
     */
    public record IntelligenceSignal(int maliciousHits, int suspiciousHits) {

        /** No intelligence. */
        public static final IntelligenceSignal NONE = new IntelligenceSignal(0, 0);

        public IntelligenceSignal {
            if (maliciousHits < 0 || suspiciousHits < 0) {
                throw new IllegalArgumentException("hit counts must not be negative");
            }
        }
    }

    /**
     * A scored severity.
     *
     * @param severity the band of {@code score}
     * @param score 0..10 on the GuardDuty scale
     * @param factors what moved the score, e.g. "asset criticality=high +1.0"
     */
    public record Assessment(Severity severity, double score, List<String> factors) {

        public Assessment {
            Objects.requireNonNull(severity, "severity");
            factors = List.copyOf(factors);
        }
    }

    /** Scores a finding: its own severity, its resources' tags and the intelligence signal. */
    public Assessment assess(Finding finding, IntelligenceSignal intelligence) {
        Objects.requireNonNull(finding, "finding");
        double base = finding.source() == FindingSource.GUARDDUTY && finding.sourceSeverityScore() <= 10.0
                ? finding.sourceSeverityScore()
                : bandMiddle(finding.severity());
        return assess(base, finding.resources().stream().map(Resource::tags).toList(), intelligence);
    }

    /**
     * Scores a base score (0..10) with the tags of the affected resources and the intelligence
     * signal.
     */
    public Assessment assess(
            double baseScore, Collection<Map<String, String>> resourceTags, IntelligenceSignal intelligence) {
        if (!Double.isFinite(baseScore) || baseScore < 0 || baseScore > 10) {
            throw new IllegalArgumentException("baseScore must be between 0 and 10 but was " + baseScore);
        }
        Objects.requireNonNull(resourceTags, "resourceTags");
        Objects.requireNonNull(intelligence, "intelligence");
        List<String> factors = new ArrayList<>();
        // as %.1f would print it, without a Formatter per finding (0..10, so half-up rounding is exact)
        factors.add("source severity " + Math.round(baseScore * 10) / 10.0);
        double best = 0;
        List<String> bestFactors = List.of();
        boolean first = true;
        for (Map<String, String> tags : resourceTags) {
            List<String> assetFactors = new ArrayList<>();
            double adjustment = assetAdjustment(tags, assetFactors);
            if (first || adjustment > best) {
                best = adjustment;
                bestFactors = assetFactors;
                first = false;
            }
        }
        factors.addAll(bestFactors);
        double intel = 0;
        if (intelligence.maliciousHits() > 0) {
            intel = Math.min(2.5, 1.5 + 0.5 * (intelligence.maliciousHits() - 1));
            factors.add(String.format(
                    Locale.ROOT, "%d malicious intelligence hit(s) %+.1f", intelligence.maliciousHits(), intel));
        } else if (intelligence.suspiciousHits() > 0) {
            intel = 0.5;
            factors.add(String.format(
                    Locale.ROOT, "%d suspicious intelligence hit(s) +0.5", intelligence.suspiciousHits()));
        }
        double score = Math.max(0.0, Math.min(10.0, baseScore + best + intel));
        score = Math.round(score * 10.0) / 10.0;
        return new Assessment(Severity.fromGuardDutyScore(score), score, factors);
    }

    private static double assetAdjustment(Map<String, String> tags, List<String> factors) {
        double criticality = 0;
        double environment = 0;
        double data = 0;
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            String key = tag.getKey().strip().toLowerCase(Locale.ROOT);
            String value = tag.getValue().strip().toLowerCase(Locale.ROOT).replace(" ", "");
            if (CRITICALITY_KEYS.contains(key)) {
                double c = switch (value) {
                    case "critical",
                            "mission-critical",
                            "missioncritical",
                            "tier0",
                            "tier-0",
                            "0",
                            "p0",
                            "very-high",
                            "veryhigh" -> 2.0;
                    case "high", "tier1", "tier-1", "1", "p1" -> 1.0;
                    case "low", "tier3", "tier-3", "3", "p3", "none" -> -1.0;
                    default -> 0.0;
                };
                if (Math.abs(c) > Math.abs(criticality)) {
                    criticality = c;
                    factors.removeIf(f -> f.startsWith("asset criticality"));
                    factors.add(String.format(Locale.ROOT, "asset criticality %s=%s %+.1f", key, value, c));
                }
            } else if (ENVIRONMENT_KEYS.contains(key)) {
                double e = switch (value) {
                    case "prod", "production", "prd", "live" -> 1.0;
                    case "dev", "development", "test", "testing", "sandbox", "staging", "stage", "qa", "demo" -> -1.0;
                    default -> 0.0;
                };
                if (e != 0 && environment == 0) {
                    environment = e;
                    factors.add(String.format(Locale.ROOT, "environment %s=%s %+.1f", key, value, e));
                }
            } else if (DATA_KEYS.contains(key)) {
                if (Set.of("confidential", "restricted", "secret", "pii", "pci", "phi", "sensitive")
                                .contains(value)
                        && data == 0) {
                    data = 1.0;
                    factors.add(String.format(Locale.ROOT, "data classification %s=%s +1.0", key, value));
                }
            } else if ((key.equals("pii") || key.equals("pci") || key.equals("sensitive"))
                    && value.equals("true")
                    && data == 0) {
                data = 1.0;
                factors.add(String.format(Locale.ROOT, "sensitive data %s=true +1.0", key));
            }
        }
        return criticality + environment + data;
    }

    private static double bandMiddle(Severity severity) {
        return switch (severity) {
            case CRITICAL -> 9.5;
            case HIGH -> 8.0;
            case MEDIUM -> 5.5;
            case LOW -> 2.5;
            case INFORMATIONAL -> 0.5;
        };
    }
}
