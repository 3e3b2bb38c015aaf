package ai.socagent.services.socapi.config;

import ai.socagent.ingestion.FindingIngestion;
import ai.socagent.ingestion.IngestionLimits;
import ai.socagent.observability.IngestionMetrics;
import ai.socagent.services.socapi.adapter.out.memory.InMemoryThreatLog;
import ai.socagent.services.socapi.application.ThreatSubmissionService;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Connects the submission use case to finding ingestion and to the threat log. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SocApiProperties.class)
public class SocApiConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    @ConditionalOnMissingBean
    FindingIngestion findingIngestion(SocApiProperties properties) {
        IngestionLimits defaults = IngestionLimits.defaults();
        return new FindingIngestion(new IngestionLimits(
                Math.toIntExact(properties.maxPayloadBytes()),
                defaults.maxNestingDepth(),
                defaults.maxStringLength(),
                defaults.maxFindingsPerPayload()));
    }

    @Bean
    @ConditionalOnMissingBean
    InMemoryThreatLog threatLog(SocApiProperties properties) {
        return new InMemoryThreatLog(properties.recentThreatCapacity());
    }

    @Bean
    @ConditionalOnMissingBean
    ThreatSubmissionService threatSubmissionService(
            FindingIngestion ingestion, InMemoryThreatLog threatLog, Clock clock) {
        return new ThreatSubmissionService(ingestion, threatLog, threatLog, clock);
    }

    @Bean
    @ConditionalOnMissingBean
    OpenAPI socApiDocument() {
        return new OpenAPI()
                .info(new Info()
                        .title("SOC agent service API")
                        .version("v1")
                        .description("Finding submission and threat queries. Errors are RFC 9457 problem documents"
                                + " with stable types (docs/api.md)."));
    }

    @Bean
    @ConditionalOnMissingBean
    IngestionMetrics ingestionMetrics(MeterRegistry registry) {
        return new IngestionMetrics(registry);
    }
}
