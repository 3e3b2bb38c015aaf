package ai.socagent.services.threatclassifier.config;

import ai.socagent.agentruntime.attack.AttackKnowledge;
import ai.socagent.agentruntime.model.ModelPort;
import ai.socagent.agentruntime.model.OfflineModelPort;
import ai.socagent.agentruntime.offline.OfflineThreatClassifier;
import ai.socagent.contextstore.ContextStore;
import ai.socagent.contextstore.records.InvestigationRecords;
import ai.socagent.contextstore.records.ThreatRecords;
import ai.socagent.eventbus.EventPublisher;
import ai.socagent.eventbus.EventSubscriptions;
import ai.socagent.ingestion.FindingIngestion;
import ai.socagent.services.threatclassifier.adapter.in.eventbus.ThreatClassifierSubscription;
import ai.socagent.services.threatclassifier.adapter.out.contextstore.ContextStoreClassificationContext;
import ai.socagent.services.threatclassifier.application.ClassifyThreatService;
import ai.socagent.services.threatclassifier.application.port.out.ClassificationContextPort;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the classifier to the bus: its handler consumes the {@code threat-classifier} queue,
 * from the in-process bus (standalone, the default) or from SQS (aws mode). The classifier asks the
 * {@link ModelPort} of the agent runtime's auto-configuration ({@code soc.agent-runtime.mode}:
 * offline by default, Bedrock Converse or Agents); without one it answers offline.
 */
@Configuration(proxyBeanMethods = false)
public class ThreatClassifierConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    @ConditionalOnMissingBean
    OfflineThreatClassifier offlineThreatClassifier() {
        return OfflineThreatClassifier.embedded();
    }

    @Bean
    @ConditionalOnMissingBean
    FindingIngestion findingIngestion() {
        return FindingIngestion.withDefaults();
    }

    @Bean
    @ConditionalOnMissingBean
    ClassifyThreatService classifyThreatService(
            ObjectProvider<ModelPort> model,
            OfflineThreatClassifier classifier,
            ObjectProvider<MeterRegistry> meters,
            Clock clock,
            ClassificationContextPort context) {
        return new ClassifyThreatService(
                model.getIfAvailable(() -> new OfflineModelPort(meters.getIfUnique(() -> Metrics.globalRegistry))),
                classifier,
                AttackKnowledge.embedded(),
                clock,
                context);
    }

    /** The context store of {@code soc.context-store.*}: embedded by default, DynamoDB in the aws mode. */
    @Bean
    @ConditionalOnMissingBean
    ClassificationContextPort classificationContext(
            ContextStore store, InvestigationRecords investigations, ThreatRecords threats) {
        return new ContextStoreClassificationContext(store, investigations, threats);
    }

    @Bean
    ThreatClassifierSubscription threatClassifierSubscription(
            ClassifyThreatService classifyThreat, FindingIngestion ingestion, EventPublisher publisher, Clock clock) {
        return new ThreatClassifierSubscription(classifyThreat, ingestion, publisher, clock);
    }

    /** Subscribes once every bean exists, through whichever bus is configured (in-process or SQS). */
    @Bean
    SmartInitializingSingleton threatClassifierSubscriber(
            ObjectProvider<EventSubscriptions> subscriptions, ThreatClassifierSubscription subscription) {
        return () -> subscriptions.ifAvailable(
                available -> available.subscribe(ThreatClassifierSubscription.QUEUE, subscription));
    }
}
