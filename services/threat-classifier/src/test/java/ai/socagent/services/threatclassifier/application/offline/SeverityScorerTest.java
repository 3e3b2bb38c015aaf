package ai.socagent.services.threatclassifier.application.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.socagent.domain.Severity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SeverityScorerTest {

    private final SeverityScorer scorer = new SeverityScorer();

    @Test
    void assess_noTagsNoIntelligence_keepsSourceBand() {
        SeverityScorer.Assessment assessment = scorer.assess(5.0, List.of(), SeverityScorer.IntelligenceSignal.NONE);

        assertThat(assessment.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(assessment.score()).isEqualTo(5.0);
    }

    @Test
    void assess_criticalProductionAsset_raisesHighToCritical() {
        SeverityScorer.Assessment assessment = scorer.assess(
                7.5, List.of(Map.of("Criticality", "High", "env", "prod")), SeverityScorer.IntelligenceSignal.NONE);

        assertThat(assessment.score()).isEqualTo(9.5);
        assertThat(assessment.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(assessment.factors()).anyMatch(f -> f.contains("criticality=high"));
        assertThat(assessment.factors()).anyMatch(f -> f.contains("env=prod"));
    }

    @Test
    void assess_sandboxLowCriticalityAsset_lowersTheBand() {
        SeverityScorer.Assessment assessment = scorer.assess(
                5.0,
                List.of(Map.of("criticality", "low", "environment", "sandbox")),
                SeverityScorer.IntelligenceSignal.NONE);

        assertThat(assessment.severity()).isEqualTo(Severity.LOW);
    }

    @Test
    void assess_mostCriticalResource_counts() {
        SeverityScorer.Assessment assessment = scorer.assess(
                5.0,
                List.of(Map.of("env", "dev"), Map.of("data-classification", "PII", "env", "production")),
                SeverityScorer.IntelligenceSignal.NONE);

        assertThat(assessment.score()).isEqualTo(7.0);
        assertThat(assessment.severity()).isEqualTo(Severity.HIGH);
    }

    @Test
    void assess_maliciousIntelligenceHits_raiseScoreUpToCap() {
        assertThat(scorer.assess(5.0, List.of(), new SeverityScorer.IntelligenceSignal(1, 0))
                        .score())
                .isEqualTo(6.5);
        assertThat(scorer.assess(5.0, List.of(), new SeverityScorer.IntelligenceSignal(10, 3))
                        .score())
                .isEqualTo(7.5);
        assertThat(scorer.assess(5.0, List.of(), new SeverityScorer.IntelligenceSignal(0, 2))
                        .score())
                .isEqualTo(5.5);
    }

    @Test
    void assess_everythingAtOnce_isClampedToTen() {
        SeverityScorer.Assessment assessment = scorer.assess(
                9.0,
                List.of(Map.of("criticality", "critical", "env", "prod", "data-classification", "secret")),
                new SeverityScorer.IntelligenceSignal(5, 0));

        assertThat(assessment.score()).isEqualTo(10.0);
        assertThat(assessment.severity()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void assess_baseOutsideScaleOrNegativeHits_isRejected() {
        assertThatThrownBy(() -> scorer.assess(11, List.of(), SeverityScorer.IntelligenceSignal.NONE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SeverityScorer.IntelligenceSignal(-1, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
