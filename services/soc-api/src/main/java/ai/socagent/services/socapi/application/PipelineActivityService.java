package ai.socagent.services.socapi.application;

import ai.socagent.domain.event.DomainEvent;
import ai.socagent.domain.event.EmergencyThreatDetected;
import ai.socagent.domain.event.ThreatClassificationComplete;
import ai.socagent.domain.event.ThreatSubmitted;
import ai.socagent.services.socapi.application.port.in.RecordPipelineActivityUseCase;
import ai.socagent.services.socapi.application.port.out.PipelineActivityPort;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Files pipeline events under their threat. Classification events name the threat and its
 * investigation; later events name only the investigation, so the link is learned from the
 * former. An event for an investigation not seen yet is filed under the investigation id.
 */
public final class PipelineActivityService implements RecordPipelineActivityUseCase {

    private final PipelineActivityPort activity;
    private final Map<String, String> threatByInvestigation = new ConcurrentHashMap<>();

    public PipelineActivityService(PipelineActivityPort activity) {
        this.activity = activity;
    }

    @Override
    public void record(DomainEvent event) {
        activity.record(threatIdOf(event), event);
    }

    private String threatIdOf(DomainEvent event) {
        return switch (event) {
            case ThreatSubmitted submitted -> submitted.threat().threatId();
            case ThreatClassificationComplete complete -> linked(complete.investigationId(), complete.threatId());
            case EmergencyThreatDetected emergency -> linked(emergency.investigationId(), emergency.threatId());
            default ->
                Optional.ofNullable(threatByInvestigation.get(event.aggregateId()))
                        .orElse(event.aggregateId());
        };
    }

    private String linked(String investigationId, String threatId) {
        threatByInvestigation.put(investigationId, threatId);
        return threatId;
    }
}
