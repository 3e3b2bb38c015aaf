package ai.socagent.services.socapi.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the SOC API edge ({@code soc.api.*}).
 *
 * @param maxPayloadBytes largest request body accepted on {@code POST /api/v1/findings}; the
 *     default matches the ingestion limit (256 KiB, the EventBridge entry size)
 * @param updates the live update stream ({@code GET /api/v1/threats/updates})
 */
@Validated
@ConfigurationProperties("soc.api")
public record SocApiProperties(
        @Min(1024) @Max(10_485_760) Long maxPayloadBytes,
        @Valid @DefaultValue Updates updates) {

    public SocApiProperties {
        maxPayloadBytes = maxPayloadBytes == null ? 262_144L : maxPayloadBytes;
        updates = updates == null ? new Updates(null, null, null, null) : updates;
    }

    /**
     * The live update stream ({@code soc.api.updates.*}).
     *
     * @param maxFollowers streams one instance serves at once; beyond, 503 with Retry-After (default 500)
     * @param queueCapacity updates one stream may fall behind before it is ended with an {@code
     *     overflow} event (default 1,000: a burst of submissions is a few updates per threat)
     * @param heartbeat a comment after this much silence (default 15 s: below the usual 30-60 s idle
     *     timeouts of load balancers and proxies)
     * @param timeout a stream's longest life; the client reconnects (default 30 min)
     */
    public record Updates(
            @Min(1) @Max(100_000) Integer maxFollowers,
            @Min(16) @Max(100_000) Integer queueCapacity,
            Duration heartbeat,
            Duration timeout) {
        public Updates {
            maxFollowers = maxFollowers == null ? 500 : maxFollowers;
            queueCapacity = queueCapacity == null ? 1_000 : queueCapacity;
            heartbeat = heartbeat == null ? Duration.ofSeconds(15) : heartbeat;
            timeout = timeout == null ? Duration.ofMinutes(30) : timeout;
            if (heartbeat.isNegative() || heartbeat.isZero() || timeout.compareTo(heartbeat) <= 0) {
                throw new IllegalArgumentException(
                        "soc.api.updates: heartbeat must be positive and shorter than timeout, got " + heartbeat
                                + " and " + timeout);
            }
        }
    }
}
