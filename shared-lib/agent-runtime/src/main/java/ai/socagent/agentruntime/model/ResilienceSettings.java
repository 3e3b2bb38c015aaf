package ai.socagent.agentruntime.model;

import java.time.Duration;
import java.util.Objects;

/**
 * Retry and circuit-breaker settings of {@link ResilientModelPort}. Timeouts are set on the SDK
 * client (API call timeout) by the adapter's factory.
 *
 * @param maxAttempts attempts per model call, the first included, when the provider throttles
 * @param initialBackoff first wait before a retry; it grows by {@code backoffMultiplier}
 * @param jitter randomisation factor of each wait (0.5 = plus or minus 50 %)
 * @param failureRateThreshold percentage of failed calls that opens the breaker
 * @param minimumCalls calls in the sliding window before the breaker may open
 * @param openWait how long the breaker stays open before it lets trial calls through
 */
public record ResilienceSettings(
        int maxAttempts,
        Duration initialBackoff,
        double backoffMultiplier,
        double jitter,
        float failureRateThreshold,
        int minimumCalls,
        Duration openWait) {

    public ResilienceSettings {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(openWait, "openWait");
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("jitter must be in [0, 1)");
        }
    }

    /** Production defaults: 4 attempts from 500 ms doubling with 50 % jitter; 50 % of 10 calls opens for 30 s. */
    public static ResilienceSettings defaults() {
        return new ResilienceSettings(4, Duration.ofMillis(500), 2.0, 0.5, 50f, 10, Duration.ofSeconds(30));
    }
}
