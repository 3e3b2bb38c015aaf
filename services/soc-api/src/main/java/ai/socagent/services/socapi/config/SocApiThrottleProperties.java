package ai.socagent.services.socapi.config;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Throttling per client ({@code soc.api.throttle.*}): a token bucket per caller (API key id, JWT
 * subject, IAM ARN; the remote address for anonymous requests), in this instance's memory.
 *
 * @param enabled whether requests are throttled at all
 * @param ratePerSecond sustained requests per second per client
 * @param burst requests a client may make at once after being idle
 * @param maxClients clients tracked at once (least recently seen forgotten first)
 */
@Validated
@ConfigurationProperties("soc.api.throttle")
public record SocApiThrottleProperties(
        Boolean enabled,
        @Min(1) Long ratePerSecond,
        @Min(1) Long burst,
        @Min(100) Long maxClients) {

    public SocApiThrottleProperties {
        enabled = enabled == null || enabled;
        ratePerSecond = ratePerSecond == null ? 500L : ratePerSecond;
        burst = burst == null ? 1000L : burst;
        maxClients = maxClients == null ? 100_000L : maxClients;
    }
}
