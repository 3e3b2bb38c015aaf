package ai.socagent.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class IngestionMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final IngestionMetrics metrics = new IngestionMetrics(registry);

    @Test
    void accepted_severalFindings_countsEachUnderItsFormat() {
        metrics.accepted("ASFF_EVENT", 3);
        metrics.accepted("GUARDDUTY", 1);

        assertThat(registry.get(MetricNames.FINDING_INGESTION)
                        .tag(MetricTags.FORMAT, "asff_event")
                        .tag(MetricTags.OUTCOME, "accepted")
                        .counter()
                        .count())
                .isEqualTo(3.0);
        assertThat(registry.get(MetricNames.FINDING_INGESTION)
                        .tag(MetricTags.FORMAT, "guardduty")
                        .counter()
                        .count())
                .isEqualTo(1.0);
    }

    @Test
    void rejected_countsTheRejectionAndItsReason() {
        metrics.rejected("format.unknown");
        metrics.rejected("format.unknown");

        assertThat(registry.get(MetricNames.FINDING_INGESTION)
                        .tag(MetricTags.OUTCOME, "rejected")
                        .counter()
                        .count())
                .isEqualTo(2.0);
        assertThat(registry.get(MetricNames.FINDING_INGESTION + ".Rejections")
                        .tag(MetricTags.REASON, "format.unknown")
                        .counter()
                        .count())
                .isEqualTo(2.0);
    }

    @Test
    void designMetrics_listsTheSixNamesOfTheDesign() {
        assertThat(MetricNames.designMetrics())
                .containsExactly(
                        "AI.Agent.ResponseTime",
                        "AI.Agent.TokenConsumption",
                        "AI.Agent.ErrorRate",
                        "AI.Agent.ThreatDetectionRate",
                        "AI.Context.CacheHitRate",
                        "AI.Investigation.CompletionRate");
    }
}
