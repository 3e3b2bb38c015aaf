package ai.socagent.services.threatclassifier.adapter.in.eventbus;

import ai.socagent.domain.event.ThreatSubmitted;
import ai.socagent.domain.finding.Finding;
import ai.socagent.domain.threat.Threat;
import ai.socagent.eventbus.EventHandler;
import ai.socagent.eventbus.EventPublisher;
import ai.socagent.eventbus.InboundEvent;
import ai.socagent.eventbus.TraceContext;
import ai.socagent.eventbus.UndeliverableEventException;
import ai.socagent.ingestion.FindingIngestion;
import ai.socagent.ingestion.IngestionResult;
import ai.socagent.services.threatclassifier.application.port.in.ClassifyThreatUseCase;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threat-classifier queue: {@code Threat Submitted} from the API, and raw GuardDuty /
 * Security Hub events straight from AWS, which are ingested here first.
 */
public final class ThreatClassifierSubscription implements EventHandler {

    /** The logical queue of infra/events/rules.json this service consumes. */
    public static final String QUEUE = "threat-classifier";

    private static final Logger log = LoggerFactory.getLogger(ThreatClassifierSubscription.class);

    private final ClassifyThreatUseCase classifyThreat;
    private final FindingIngestion ingestion;
    private final EventPublisher publisher;
    private final Clock clock;

    public ThreatClassifierSubscription(
            ClassifyThreatUseCase classifyThreat, FindingIngestion ingestion, EventPublisher publisher, Clock clock) {
        this.classifyThreat = classifyThreat;
        this.ingestion = ingestion;
        this.publisher = publisher;
        this.clock = clock;
    }

    @Override
    public void handle(InboundEvent event) {
        switch (event) {
            case InboundEvent.PipelineEvent(ThreatSubmitted submitted, TraceContext trace) ->
                classifyAndPublish(submitted.threat(), trace);
            case InboundEvent.PipelineEvent pipelineEvent ->
                throw new UndeliverableEventException(
                        UndeliverableEventException.Reason.UNKNOWN_DETAIL_TYPE,
                        "the threat-classifier queue does not take " + pipelineEvent.detailType());
            case InboundEvent.AwsFindingEvent aws -> {
                // A raw AWS event starts its own correlation: nothing upstream of it exists.
                String correlationId = UUID.randomUUID().toString();
                IngestionResult ingested = ingestion.ingest(aws.eventJson(), clock.instant());
                for (Finding finding : ingested.findings()) {
                    Threat threat = Threat.forFinding(finding, correlationId, clock.instant());
                    publisher.publish(
                            classifyThreat.classifyArrival(threat, ingested.rawPayloadOf(finding)),
                            TraceContext.newRoot());
                }
            }
        }
    }

    private void classifyAndPublish(Threat threat, TraceContext trace) {
        var events = classifyThreat.classify(threat);
        publisher.publish(events, trace.nextHop());
        log.debug("Classified threat {} -> {}", threat.threatId(), events);
    }
}
