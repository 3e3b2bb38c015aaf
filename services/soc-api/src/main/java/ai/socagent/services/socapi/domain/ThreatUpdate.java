package ai.socagent.services.socapi.domain;

import ai.socagent.domain.audit.AuditEntry;
import ai.socagent.domain.event.DomainEvent;
import ai.socagent.domain.event.EmergencyThreatDetected;
import ai.socagent.domain.event.ThreatClassificationComplete;
import ai.socagent.domain.event.ThreatSubmitted;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a live view (the dashboard) is told when a threat's story moves on: a pipeline event has been
 * filed in the investigation's audit trail, so reading the threat now shows it. Carries what the
 * view needs to decide what to refresh, not the records themselves (those are read through the API).
 *
 * @param eventId the pipeline event's id (a stream of updates may repeat one: delivery is at least once)
 * @param detailType the event's detail-type ("Threat Classification Complete" ...)
 * @param investigationId the investigation whose trail it joined
 * @param threatId the threat, where the event names it (submission, classification, emergency); the
 *     later agents' events name only the investigation
 * @param occurredAt when the event happened
 * @param summary the audit trail's one-sentence summary
 */
public record ThreatUpdate(
        String eventId,
        String detailType,
        String investigationId,
        Optional<String> threatId,
        Instant occurredAt,
        String summary) {

    public ThreatUpdate {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(detailType, "detailType");
        Objects.requireNonNull(investigationId, "investigationId");
        Objects.requireNonNull(threatId, "threatId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(summary, "summary");
    }

    /** The update for {@code event}, filed in {@code investigationId}'s trail as {@code entry}. */
    public static ThreatUpdate of(String investigationId, DomainEvent event, AuditEntry entry) {
        Optional<String> threatId = switch (event) {
            case ThreatSubmitted submitted -> Optional.of(submitted.threat().threatId());
            case ThreatClassificationComplete complete -> Optional.of(complete.threatId());
            case EmergencyThreatDetected emergency -> Optional.of(emergency.threatId());
            default -> Optional.empty();
        };
        return new ThreatUpdate(
                entry.eventId(), entry.detailType(), investigationId, threatId, entry.occurredAt(), entry.summary());
    }
}
