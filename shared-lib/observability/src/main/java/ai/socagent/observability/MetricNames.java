package ai.socagent.observability;

import java.util.List;

/**
 * The metric names of the design, spelled once. Micrometer turns the dots into the naming
 * convention of each registry (CloudWatch keeps them, Prometheus gets {@code ai_agent_...}).
 */
public final class MetricNames {

    /** Timer: how long an agent took to handle one unit of work. Tags: agent, engine, outcome. */
    public static final String AGENT_RESPONSE_TIME = "AI.Agent.ResponseTime";

    /** Counter: model tokens spent. Tags: agent, model, direction (input/output). */
    public static final String AGENT_TOKEN_CONSUMPTION = "AI.Agent.TokenConsumption";

    /** Counter: failed units of work; the rate is derived by the backend. Tags: agent, reason. */
    public static final String AGENT_ERROR_RATE = "AI.Agent.ErrorRate";

    /** Counter: findings that were classified as a threat. Tags: agent, severity. */
    public static final String AGENT_THREAT_DETECTION_RATE = "AI.Agent.ThreatDetectionRate";

    /** Counter: context cache lookups. Tags: tier (L1/L2/L3), result (hit/miss). */
    public static final String CONTEXT_CACHE_HIT_RATE = "AI.Context.CacheHitRate";

    /** Counter: investigations that reached a terminal status. Tags: status. */
    public static final String INVESTIGATION_COMPLETION_RATE = "AI.Investigation.CompletionRate";

    /** Counter: findings accepted or rejected at an ingestion edge. Tags: format, outcome. */
    public static final String FINDING_INGESTION = "AI.Finding.Ingestion";

    private MetricNames() {}

    public static List<String> designMetrics() {
        return List.of(
                AGENT_RESPONSE_TIME,
                AGENT_TOKEN_CONSUMPTION,
                AGENT_ERROR_RATE,
                AGENT_THREAT_DETECTION_RATE,
                CONTEXT_CACHE_HIT_RATE,
                INVESTIGATION_COMPLETION_RATE);
    }
}
