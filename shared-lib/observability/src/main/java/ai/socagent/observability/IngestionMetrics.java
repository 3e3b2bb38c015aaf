package ai.socagent.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;

/** Counts findings accepted and rejected at an ingestion edge (REST API, bus, sample replay). */
public final class IngestionMetrics {

    private final MeterRegistry registry;

    public IngestionMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void accepted(String format, int findings) {
        counter(format, "accepted").increment(findings);
    }

    public void rejected(String reason) {
        counter("unknown", "rejected").increment();
        Counter.builder(MetricNames.FINDING_INGESTION + ".Rejections")
                .tag(MetricTags.REASON, reason)
                .register(registry)
                .increment();
    }

    private Counter counter(String format, String outcome) {
        return Counter.builder(MetricNames.FINDING_INGESTION)
                .description("Findings accepted or rejected at an ingestion edge")
                .tag(MetricTags.FORMAT, format.toLowerCase(Locale.ROOT))
                .tag(MetricTags.OUTCOME, outcome)
                .register(registry);
    }
}
