package ai.socagent.services.socapi.application;

import ai.socagent.domain.audit.AuditEntry;
import ai.socagent.domain.event.DomainEvent;
import ai.socagent.domain.event.ThreatSubmitted;
import ai.socagent.domain.investigation.Investigation;
import ai.socagent.services.socapi.application.port.in.RecordPipelineActivityUseCase;
import ai.socagent.services.socapi.application.port.out.AuditTrailPort;
import java.util.Objects;

/**
 * Files every pipeline event in its investigation's audit trail. Every event but {@code Threat
 * Submitted} names its investigation; a submitted threat's investigation follows from its id, so no
 * link between the two has to be remembered.
 */
public final class AuditTrailService implements RecordPipelineActivityUseCase {

    private final AuditTrailPort trail;

    public AuditTrailService(AuditTrailPort trail) {
        this.trail = Objects.requireNonNull(trail, "trail");
    }

    @Override
    public void record(DomainEvent event) {
        String investigationId = event instanceof ThreatSubmitted submitted
                ? Investigation.idForThreat(submitted.threat().threatId())
                : event.aggregateId();
        trail.append(investigationId, AuditEntry.of(event));
    }
}
