package ai.socagent.services.socapi.config;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Throttling per client ({@code soc.api.throttle.*}): a token bucket per caller (API key id, JWT
 * subject, IAM ARN; the remote address for anonymous requests), in this instance's memory or, with
 * {@code shared=redis}, in Redis for the whole fleet.
 *
 * @param enabled whether requests are throttled at all
 * @param ratePerSecond sustained requests per second per client
 * @param burst requests a client may make at once after being idle
 * @param maxClients clients this instance tracks at once (least recently seen forgotten first); with
 *     {@code shared=redis}, the buckets it falls back to while Redis fails
 * @param shared where the buckets live: {@code memory} (the default: each instance has its own, n
 *     instances give a client n times the rate) or {@code redis} (the application's Redis
 *     connection, {@code spring.data.redis.*}: every instance takes from the same bucket; this
 *     instance's buckets while Redis fails)
 * @param keyPrefix prefix of the shared buckets' Redis keys; default {@code soc:api-throttle:}
 * @param retryInterval with {@code shared=redis}, how long Redis is not asked once it failed (half of
 *     the last 20 calls, 5 at least); default 5 s
 */
@Validated
@ConfigurationProperties("soc.api.throttle")
public record SocApiThrottleProperties(
        Boolean enabled,
        @Min(1) Long ratePerSecond,
        @Min(1) Long burst,
        @Min(100) Long maxClients,
        Shared shared,

        @Pattern(regexp = "\\S+", message = "must be a non-blank key prefix without spaces")
        String keyPrefix,

        Duration retryInterval) {

    /** The defaults, also what infra/modules/api-gateway's stage throttling is checked against. */
    public static final long DEFAULT_RATE_PER_SECOND = 500L;

    public static final long DEFAULT_BURST = 1000L;

    public SocApiThrottleProperties {
        enabled = enabled == null || enabled;
        ratePerSecond = ratePerSecond == null ? DEFAULT_RATE_PER_SECOND : ratePerSecond;
        burst = burst == null ? DEFAULT_BURST : burst;
        maxClients = maxClients == null ? 100_000L : maxClients;
        shared = shared == null ? Shared.MEMORY : shared;
        keyPrefix = keyPrefix == null ? "soc:api-throttle:" : keyPrefix;
        retryInterval = retryInterval == null ? Duration.ofSeconds(5) : retryInterval;
        if (retryInterval.isNegative() || retryInterval.isZero()) {
            throw new IllegalArgumentException("soc.api.throttle.retry-interval must be positive");
        }
    }

    /** Where the clients' buckets live. */
    public enum Shared {
        MEMORY,
        REDIS
    }
}
