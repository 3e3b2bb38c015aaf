package ai.socagent.services.threatclassifier.config;

import ai.socagent.agentruntime.model.AgentModelStatus;
import ai.socagent.agentruntime.model.AgentOutputPolicy;
import ai.socagent.agentruntime.model.ModelPort;
import ai.socagent.agentruntime.model.OfflineModelPort;
import ai.socagent.contextstore.ContextStore;
import ai.socagent.contextstore.records.AgentStatusRecords;
import ai.socagent.contextstore.records.InvestigationRecords;
import ai.socagent.contextstore.records.RawFindings;
import ai.socagent.contextstore.records.ThreatRecords;
import ai.socagent.domain.agent.AgentName;
import ai.socagent.domain.agent.AgentStatus;
import ai.socagent.eventbus.EventPublisher;
import ai.socagent.eventbus.EventSubscriptions;
import ai.socagent.ingestion.FindingIngestion;
import ai.socagent.knowledgebase.KnowledgeBase;
import ai.socagent.knowledgebase.attack.AttackKnowledge;
import ai.socagent.knowledgebase.config.KnowledgeBaseStartup;
import ai.socagent.services.threatclassifier.adapter.in.eventbus.ThreatClassifierSubscription;
import ai.socagent.services.threatclassifier.adapter.in.schedule.StatusReportSchedule;
import ai.socagent.services.threatclassifier.adapter.out.agentruntime.AgentRuntimeModelCalls;
import ai.socagent.services.threatclassifier.adapter.out.contextstore.ContextStoreAgentStatus;
import ai.socagent.services.threatclassifier.adapter.out.contextstore.ContextStoreClassificationContext;
import ai.socagent.services.threatclassifier.adapter.out.eventbus.EventBusClassificationPublisher;
import ai.socagent.services.threatclassifier.adapter.out.eventbus.MeteredQueueDeliveries;
import ai.socagent.services.threatclassifier.adapter.out.knowledgebase.KnowledgeBaseTechniqueSearch;
import ai.socagent.services.threatclassifier.application.ClassificationJson;
import ai.socagent.services.threatclassifier.application.ClassifyThreatService;
import ai.socagent.services.threatclassifier.application.ReportAgentStatusService;
import ai.socagent.services.threatclassifier.application.offline.GuardDutyTechniqueMapping;
import ai.socagent.services.threatclassifier.application.offline.OfflineThreatClassifier;
import ai.socagent.services.threatclassifier.application.offline.SeverityScorer;
import ai.socagent.services.threatclassifier.application.port.in.ClassifyThreatUseCase;
import ai.socagent.services.threatclassifier.application.port.in.ReportAgentStatusUseCase;
import ai.socagent.services.threatclassifier.application.port.out.ClassificationContextPort;
import ai.socagent.services.threatclassifier.application.port.out.ClassificationEventsPort;
import ai.socagent.services.threatclassifier.application.port.out.ModelCallsPort;
import ai.socagent.services.threatclassifier.application.port.out.TechniqueSearchPort;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the classifier to the bus: its handler consumes the {@code threat-classifier} queue,
 * from the in-process bus (standalone, the default) or from SQS (aws mode). The classifier asks the
 * {@link ModelPort} of the agent runtime's auto-configuration ({@code soc.agent-runtime.mode}:
 * offline by default, Bedrock Converse or Agents); without one it answers offline. It contributes
 * its severity floor to that port's output policy ({@link AgentOutputPolicy}). Its offline engine
 * asks the {@link KnowledgeBase} of the knowledge base's auto-configuration ({@code
 * soc.knowledge-base.mode}: embedded Lucene by default, OpenSearch in the local profile), which
 * loads ATT&CK when the context starts, before the bus delivers ({@link KnowledgeBaseStartup}).
 *
 * <p>No bean here backs off for another ({@code @ConditionalOnMissingBean} is for
 * auto-configurations): the standalone assembly imports this configuration next to soc-api's and
 * gets the same beans whatever the order.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AgentStatusProperties.class)
public class ThreatClassifierConfiguration {

    /**
     * The knowledge base's technique ranking. The knowledge base loads ATT&CK (or finds it loaded)
     * in its start-up lifecycle ({@link KnowledgeBaseStartup#PHASE}), before the bus delivers the
     * first finding, so no finding is classified against an empty index.
     */
    @Bean
    TechniqueSearchPort techniqueSearch(KnowledgeBase knowledgeBase) {
        return new KnowledgeBaseTechniqueSearch(knowledgeBase);
    }

    @Bean
    OfflineThreatClassifier offlineThreatClassifier(
            ObjectProvider<AttackKnowledge> attack, TechniqueSearchPort search, ObjectProvider<Clock> clock) {
        return new OfflineThreatClassifier(
                attack(attack), GuardDutyTechniqueMapping.embedded(), search, new SeverityScorer(), clock(clock));
    }

    /** A model may raise the severity the offline engine scored, never lower it. */
    @Bean
    AgentOutputPolicy threatClassifierOutputPolicy() {
        return new AgentOutputPolicy(AgentName.THREAT_CLASSIFIER, ClassificationJson.severityFloor());
    }

    /** The extract the knowledge base indexed: the application's, or the shipped one. */
    private static AttackKnowledge attack(ObjectProvider<AttackKnowledge> attack) {
        return attack.getIfUnique(AttackKnowledge::embedded);
    }

    /** The application's {@link Clock} bean when it has exactly one, else UTC. */
    private static Clock clock(ObjectProvider<Clock> clock) {
        return clock.getIfUnique(Clock::systemUTC);
    }

    /**
     * The classifier ingests the raw AWS events of the default bus itself, with the default limits
     * (an EventBridge entry is below them); its ingestion is its own, not a bean another service's
     * could replace.
     */
    @Bean
    ClassifyThreatService classifyThreatService(
            ObjectProvider<ModelPort> model,
            OfflineThreatClassifier classifier,
            ObjectProvider<AttackKnowledge> attack,
            ObjectProvider<MeterRegistry> meters,
            ObjectProvider<Clock> clock,
            ClassificationContextPort context,
            ClassificationEventsPort events) {
        return new ClassifyThreatService(
                model.getIfAvailable(() -> new OfflineModelPort(meters.getIfUnique(() -> Metrics.globalRegistry))),
                classifier,
                attack(attack),
                clock(clock),
                context,
                events,
                FindingIngestion.withDefaults());
    }

    /** The classifier's events on whichever bus is configured (in-process or EventBridge). */
    @Bean
    ClassificationEventsPort classificationEvents(EventPublisher publisher) {
        return new EventBusClassificationPublisher(publisher);
    }

    /** The context store of {@code soc.context-store.*}: embedded by default, DynamoDB in the aws mode. */
    @Bean
    ClassificationContextPort classificationContext(
            ContextStore store, InvestigationRecords investigations, ThreatRecords threats, RawFindings rawFindings) {
        return new ContextStoreClassificationContext(store, investigations, threats, rawFindings);
    }

    /**
     * The classifier's status report, every {@code soc.agent-status.report-every}, in AgentContextTable
     * (where soc-api's {@code GET /api/v1/agents} reads it): the agent runtime's model calls and the
     * deliveries of its two queues.
     */
    @Bean
    ReportAgentStatusService threatClassifierStatus(
            AgentStatusProperties properties,
            ObjectProvider<AgentModelStatus> modelStatus,
            ObjectProvider<MeterRegistry> meters,
            ObjectProvider<Clock> clock,
            AgentStatusRecords records) {
        ModelCallsPort models = modelStatus.stream()
                .findFirst()
                .<ModelCallsPort>map(AgentRuntimeModelCalls::new)
                .orElse(new ModelCallsPort() {
                    @Override
                    public String mode() {
                        return "offline";
                    }

                    @Override
                    public List<AgentStatus.ModelCalls> models(AgentName agent) {
                        return List.of();
                    }
                });
        return new ReportAgentStatusService(
                AgentName.THREAT_CLASSIFIER,
                List.of(ThreatClassifierSubscription.QUEUE, ThreatClassifierSubscription.PRIORITY_QUEUE),
                properties.instanceId(),
                properties.reportEvery(),
                clock(clock),
                models,
                new MeteredQueueDeliveries(meters.getIfUnique(() -> Metrics.globalRegistry)),
                new ContextStoreAgentStatus(records));
    }

    @Bean
    StatusReportSchedule threatClassifierStatusReports(
            ReportAgentStatusUseCase reports, AgentStatusProperties properties) {
        return new StatusReportSchedule(reports, properties.reportEvery());
    }

    @Bean
    ThreatClassifierSubscription threatClassifierSubscription(ClassifyThreatUseCase classifyThreat) {
        return new ThreatClassifierSubscription(classifyThreat);
    }

    /**
     * Subscribes the one handler to both of the classifier's queues once every bean exists, through
     * whichever bus is configured (in-process or SQS).
     */
    @Bean
    SmartInitializingSingleton threatClassifierSubscriber(
            ObjectProvider<EventSubscriptions> subscriptions, ThreatClassifierSubscription subscription) {
        return () -> subscriptions.ifAvailable(available -> {
            available.subscribe(ThreatClassifierSubscription.QUEUE, subscription);
            available.subscribe(ThreatClassifierSubscription.PRIORITY_QUEUE, subscription);
        });
    }
}
