package ai.socagent.services.threatclassifier.adapter.in.eventbus;

import ai.socagent.domain.event.DomainEvent;
import ai.socagent.domain.event.ThreatSubmitted;
import ai.socagent.eventbus.EventHandler;
import ai.socagent.eventbus.InboundEvent;
import ai.socagent.eventbus.UndeliverableEventException;
import ai.socagent.services.threatclassifier.application.port.in.ClassifyThreatUseCase;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threat-classifier queues (the ordinary one and the priority one of CRITICAL findings): {@code
 * Threat Submitted} from the API, and raw GuardDuty / Security
 * Hub events straight from AWS. Each goes to the use case, which ingests, classifies, keeps and
 * publishes; the events it publishes continue the trace of the event handled here, because the bus
 * makes that event's consumer span current while this runs.
 */
public final class ThreatClassifierSubscription implements EventHandler {

    /** The logical queue of infra/events/rules.json this service consumes. */
    public static final String QUEUE = "threat-classifier";

    /**
     * Its priority queue: CRITICAL findings, classified ahead of the ordinary queue's backlog, on the
     * priority queues' own delivery capacity (the same handler).
     */
    public static final String PRIORITY_QUEUE = "threat-classifier-priority";

    private static final Logger log = LoggerFactory.getLogger(ThreatClassifierSubscription.class);

    private final ClassifyThreatUseCase classifyThreat;

    public ThreatClassifierSubscription(ClassifyThreatUseCase classifyThreat) {
        this.classifyThreat = Objects.requireNonNull(classifyThreat, "classifyThreat");
    }

    @Override
    public void handle(InboundEvent event) {
        switch (event) {
            case InboundEvent.PipelineEvent pipeline
            when pipeline.event() instanceof ThreatSubmitted submitted -> {
                List<DomainEvent> events = classifyThreat.classify(submitted.threat());
                log.debug("Classified threat {} -> {}", submitted.threat().threatId(), events);
            }
            case InboundEvent.PipelineEvent pipelineEvent ->
                throw new UndeliverableEventException(
                        UndeliverableEventException.Reason.UNKNOWN_DETAIL_TYPE,
                        "the threat-classifier queue does not take " + pipelineEvent.detailType());
            case InboundEvent.AwsFindingEvent aws -> classifyThreat.classifyAwsEvent(aws.eventJson());
        }
    }
}
