package ai.socagent.services.socapi.config;

import ai.socagent.contextstore.records.AgentStatusRecords;
import ai.socagent.contextstore.records.InvestigationRecords;
import ai.socagent.contextstore.records.RawFindings;
import ai.socagent.contextstore.records.ThreatRecords;
import ai.socagent.eventbus.EventPublisher;
import ai.socagent.eventbus.EventSubscriptions;
import ai.socagent.ingestion.FindingIngestion;
import ai.socagent.ingestion.IngestionLimits;
import ai.socagent.observability.IngestionMetrics;
import ai.socagent.services.socapi.adapter.in.eventbus.PipelineActivitySubscription;
import ai.socagent.services.socapi.adapter.in.http.AgentController;
import ai.socagent.services.socapi.adapter.in.http.ApiKeyController;
import ai.socagent.services.socapi.adapter.in.http.DashboardController;
import ai.socagent.services.socapi.adapter.in.http.ProblemDetailsAdvice;
import ai.socagent.services.socapi.adapter.in.http.ThreatController;
import ai.socagent.services.socapi.adapter.in.http.ThreatUpdatesController;
import ai.socagent.services.socapi.adapter.out.contextstore.ContextStoreAgentStatusReader;
import ai.socagent.services.socapi.adapter.out.contextstore.ContextStoreThreatReadModel;
import ai.socagent.services.socapi.adapter.out.eventbus.EventBusThreatPublisher;
import ai.socagent.services.socapi.adapter.out.live.InProcessThreatUpdates;
import ai.socagent.services.socapi.application.AgentStatusQueryService;
import ai.socagent.services.socapi.application.ApiKeyService;
import ai.socagent.services.socapi.application.AuditTrailService;
import ai.socagent.services.socapi.application.ThreatQueryService;
import ai.socagent.services.socapi.application.ThreatSubmissionService;
import ai.socagent.services.socapi.application.ThreatUpdatesService;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

/**
 * Connects the use cases to finding ingestion, the shared read model and the bus. No bean here backs
 * off for another ({@code @ConditionalOnMissingBean} is for auto-configurations): the standalone
 * assembly imports this configuration next to the other services' and gets the same beans whatever
 * the order; it imports the HTTP edge too, so that importing it is all an assembly needs (soc-api's
 * own application also finds the edge by scanning: Spring keeps one definition). The clock is the application's {@link Clock} bean when it has exactly one, else UTC.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SocApiProperties.class, SocApiDashboardProperties.class})
@Import({
    ThreatController.class,
    ThreatUpdatesController.class,
    ApiKeyController.class,
    DashboardController.class,
    AgentController.class,
    ProblemDetailsAdvice.class,
    SocApiKeysConfiguration.class,
    SocApiSecurityConfiguration.class,
    SocApiOpenApi.class
})
public class SocApiConfiguration {

    /**
     * Request bodies as typed as their schema: a JSON boolean or number is no string (Jackson would
     * turn {@code "name": false} into "false"). Findings are read by the ingestion, not by this mapper.
     */
    @Bean
    JsonMapperBuilderCustomizer socApiStrictScalars() {
        return builder -> builder.withCoercionConfig(
                LogicalType.Textual,
                strings -> strings.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail));
    }

    /** What the dashboard page learns before sign-in ({@code soc.api.dashboard.*}). */
    @Bean
    DashboardController.DashboardSettings dashboardSettings(SocApiDashboardProperties dashboard) {
        SocApiDashboardProperties.Oidc oidc = dashboard.oidc();
        return new DashboardController.DashboardSettings(
                oidc.enabled()
                        ? new DashboardController.Oidc(
                                oidc.issuer(), oidc.clientId(), oidc.scopes(), oidc.redirectUri())
                        : null);
    }

    /** soc-api's own ingestion: its limits are {@code soc.api.*}'s; the classifier has its own. */
    @Bean
    FindingIngestion findingIngestion(SocApiProperties properties) {
        IngestionLimits defaults = IngestionLimits.defaults();
        return new FindingIngestion(new IngestionLimits(
                Math.toIntExact(properties.maxPayloadBytes()),
                defaults.maxNestingDepth(),
                defaults.maxStringLength(),
                defaults.maxFindingsPerPayload()));
    }

    /** The read model and audit trail in the context store of {@code soc.context-store.*}. */
    @Bean
    ContextStoreThreatReadModel threatReadModel(
            ThreatRecords threats, InvestigationRecords investigations, RawFindings rawFindings) {
        return new ContextStoreThreatReadModel(threats, investigations, rawFindings);
    }

    @Bean
    EventBusThreatPublisher eventBusThreatPublisher(EventPublisher publisher) {
        return new EventBusThreatPublisher(publisher);
    }

    @Bean
    ThreatSubmissionService threatSubmissionService(
            FindingIngestion ingestion,
            ContextStoreThreatReadModel readModel,
            EventBusThreatPublisher busPublisher,
            ObjectProvider<Clock> clock) {
        return new ThreatSubmissionService(ingestion, readModel, busPublisher, clock.getIfUnique(Clock::systemUTC));
    }

    @Bean
    ThreatQueryService threatQueryService(ContextStoreThreatReadModel readModel) {
        return new ThreatQueryService(readModel);
    }

    /** The agents' status, from the reports the agent services keep in AgentContextTable. */
    @Bean
    AgentStatusQueryService agentStatusQueryService(AgentStatusRecords records, ObjectProvider<Clock> clock) {
        return new AgentStatusQueryService(
                new ContextStoreAgentStatusReader(records), clock.getIfUnique(Clock::systemUTC));
    }

    /** This instance's live views (the update stream's followers). */
    @Bean
    InProcessThreatUpdates threatUpdates() {
        return new InProcessThreatUpdates();
    }

    @Bean
    ThreatUpdatesService threatUpdatesService(InProcessThreatUpdates updates) {
        return new ThreatUpdatesService(updates);
    }

    @Bean
    ThreatUpdatesController.Limits threatUpdateLimits(SocApiProperties properties) {
        SocApiProperties.Updates updates = properties.updates();
        return new ThreatUpdatesController.Limits(
                updates.maxFollowers(), updates.queueCapacity(), updates.heartbeat(), updates.timeout());
    }

    @Bean
    AuditTrailService auditTrailService(ContextStoreThreatReadModel readModel, InProcessThreatUpdates updates) {
        return new AuditTrailService(readModel, updates);
    }

    @Bean
    PipelineActivitySubscription pipelineActivitySubscription(AuditTrailService recordActivity) {
        return new PipelineActivitySubscription(recordActivity);
    }

    /** The API listens on its queues through whichever bus is configured (in-process or SQS). */
    @Bean
    SmartInitializingSingleton pipelineActivitySubscriber(
            ObjectProvider<EventSubscriptions> subscriptions, PipelineActivitySubscription subscription) {
        return () -> subscriptions.ifAvailable(
                available -> available.subscribe(PipelineActivitySubscription.QUEUE, subscription));
    }

    @Bean
    ApiKeyBootstrap apiKeyBootstrap(ApiKeyService apiKeys, SocApiSecurityProperties security) {
        return new ApiKeyBootstrap(apiKeys, security.apiKeys(), System.out);
    }

    @Bean
    IngestionMetrics ingestionMetrics(MeterRegistry registry) {
        return new IngestionMetrics(registry);
    }
}
