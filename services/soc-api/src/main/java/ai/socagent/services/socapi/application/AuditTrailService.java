package ai.socagent.services.socapi.application;

import ai.socagent.domain.audit.AuditEntry;
import ai.socagent.domain.event.DomainEvent;
import ai.socagent.domain.event.ThreatSubmitted;
import ai.socagent.domain.investigation.Investigation;
import ai.socagent.services.socapi.application.port.in.RecordPipelineActivityUseCase;
import ai.socagent.services.socapi.application.port.out.AuditTrailPort;
import ai.socagent.services.socapi.application.port.out.ThreatUpdatesPort;
import ai.socagent.services.socapi.domain.ThreatUpdate;
import java.util.Objects;

/**
 * Files every pipeline event in its investigation's audit trail, then tells live views
 * ({@link ThreatUpdatesPort}). Every event but {@code Threat
 * Submitted} names its investigation; a submitted threat's investigation follows from its id, so no
 * link between the two has to be remembered.
 */
public final class AuditTrailService implements RecordPipelineActivityUseCase {

    private final AuditTrailPort trail;
    private final ThreatUpdatesPort updates;

    public AuditTrailService(AuditTrailPort trail, ThreatUpdatesPort updates) {
        this.trail = Objects.requireNonNull(trail, "trail");
        this.updates = Objects.requireNonNull(updates, "updates");
    }

    @Override
    public void record(DomainEvent event) {
        String investigationId = event instanceof ThreatSubmitted submitted
                ? Investigation.idForThreat(submitted.threat().threatId())
                : event.aggregateId();
        AuditEntry entry = AuditEntry.of(event);
        trail.append(investigationId, entry);
        // after the entry is stored: a live view that reads the threat on this update sees it
        updates.publish(ThreatUpdate.of(investigationId, event, entry));
    }
}
