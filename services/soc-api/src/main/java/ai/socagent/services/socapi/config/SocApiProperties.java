package ai.socagent.services.socapi.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the SOC API edge ({@code soc.api.*}).
 *
 * @param maxPayloadBytes largest request body accepted on {@code POST /api/v1/findings}; the
 *     default matches the ingestion limit (256 KiB, the EventBridge entry size)
 */
@Validated
@ConfigurationProperties("soc.api")
public record SocApiProperties(@Min(1024) @Max(10_485_760) Long maxPayloadBytes) {

    public SocApiProperties {
        maxPayloadBytes = maxPayloadBytes == null ? 262_144L : maxPayloadBytes;
    }
}
