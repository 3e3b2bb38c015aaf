package ai.socagent.contextstore.cache;

import ai.socagent.observability.MetricNames;
import ai.socagent.observability.MetricTags;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code AI.Context.CacheHitRate} counters, tags {@code tier} ({@code L1}, {@code L2}) and {@code
 * result}: {@code hit}, {@code miss}, {@code error} (the tier failed or timed out; the read or write
 * went to the store), {@code bypass} (the tier was skipped because it failed recently), {@code
 * corrupt} (an undecodable value, deleted and re-read).
 */
public final class CacheMetrics {

    public static final String L1 = "L1";
    public static final String L2 = "L2";

    final Counter l1Hit;
    final Counter l1Miss;
    final Counter l2Hit;
    final Counter l2Miss;
    final Counter l2Error;
    final Counter l2Bypass;
    final Counter l2Corrupt;

    public CacheMetrics(MeterRegistry registry) {
        l1Hit = counter(registry, L1, "hit");
        l1Miss = counter(registry, L1, "miss");
        l2Hit = counter(registry, L2, "hit");
        l2Miss = counter(registry, L2, "miss");
        l2Error = counter(registry, L2, "error");
        l2Bypass = counter(registry, L2, "bypass");
        l2Corrupt = counter(registry, L2, "corrupt");
    }

    private static Counter counter(MeterRegistry registry, String tier, String result) {
        return Counter.builder(MetricNames.CONTEXT_CACHE_HIT_RATE)
                .description("Context cache lookups by tier and result")
                .tag(MetricTags.TIER, tier)
                .tag(MetricTags.RESULT, result)
                .register(registry);
    }
}
