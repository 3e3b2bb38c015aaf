package ai.socagent.services.socapi.config;

import ai.socagent.eventbus.EventPublisher;
import ai.socagent.eventbus.EventSubscriptions;
import ai.socagent.ingestion.FindingIngestion;
import ai.socagent.ingestion.IngestionLimits;
import ai.socagent.observability.IngestionMetrics;
import ai.socagent.services.socapi.adapter.in.eventbus.PipelineActivitySubscription;
import ai.socagent.services.socapi.adapter.out.eventbus.EventBusThreatPublisher;
import ai.socagent.services.socapi.adapter.out.memory.InMemoryPipelineActivity;
import ai.socagent.services.socapi.adapter.out.memory.InMemoryThreatLog;
import ai.socagent.services.socapi.application.PipelineActivityService;
import ai.socagent.services.socapi.application.ThreatSubmissionService;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
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
    InMemoryPipelineActivity pipelineActivity(SocApiProperties properties) {
        return new InMemoryPipelineActivity(properties.recentThreatCapacity());
    }

    @Bean
    @ConditionalOnMissingBean
    EventBusThreatPublisher eventBusThreatPublisher(EventPublisher publisher) {
        return new EventBusThreatPublisher(publisher);
    }

    @Bean
    @ConditionalOnMissingBean
    ThreatSubmissionService threatSubmissionService(
            FindingIngestion ingestion,
            InMemoryThreatLog threatLog,
            EventBusThreatPublisher busPublisher,
            InMemoryPipelineActivity activity,
            Clock clock) {
        return new ThreatSubmissionService(ingestion, List.of(threatLog, busPublisher), threatLog, activity, clock);
    }

    @Bean
    @ConditionalOnMissingBean
    PipelineActivityService pipelineActivityService(InMemoryPipelineActivity activity) {
        return new PipelineActivityService(activity);
    }

    @Bean
    PipelineActivitySubscription pipelineActivitySubscription(PipelineActivityService recordActivity) {
        return new PipelineActivitySubscription(recordActivity);
    }

    /** The API listens on its queues through whichever bus is configured (in-process or SQS). */
    @Bean
    SmartInitializingSingleton pipelineActivitySubscriber(
            ObjectProvider<EventSubscriptions> subscriptions, PipelineActivitySubscription subscription) {
        return () -> subscriptions.ifAvailable(available ->
                PipelineActivitySubscription.QUEUES.forEach(queue -> available.subscribe(queue, subscription)));
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
