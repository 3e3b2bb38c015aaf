package ai.socagent.domain.event;

import ai.socagent.domain.Preconditions;
import ai.socagent.domain.classification.Classification;
import java.time.Instant;

/**
 * A classified threat needs immediate attention (e.g. critical severity with high confidence).
 */
public record EmergencyThreatDetected(
        String eventId,
        String correlationId,
        Instant occurredAt,
        int schemaVersion,
        String threatId,
        String investigationId,
        Classification classification,
        String reason)
        implements DomainEvent {

    public static final String DETAIL_TYPE = "Emergency Threat Detected";

    public EmergencyThreatDetected {
        DomainEvents.checkMetadata(eventId, correlationId, occurredAt, schemaVersion);
        Preconditions.requireUuid(threatId, "threatId");
        Preconditions.requireUuid(investigationId, "investigationId");
        Preconditions.requireNonNull(classification, "classification");
        Preconditions.requireNonBlank(reason, "reason");
    }

    /** The investigation's one emergency: its id is {@link DomainEvents#onceFor the same} every time. */
    public static EmergencyThreatDetected of(
            String correlationId,
            Instant occurredAt,
            String threatId,
            String investigationId,
            Classification classification,
            String reason) {
        return new EmergencyThreatDetected(
                DomainEvents.onceFor(DETAIL_TYPE, investigationId),
                correlationId,
                occurredAt,
                DomainEvents.CURRENT_SCHEMA_VERSION,
                threatId,
                investigationId,
                classification,
                reason);
    }

    @Override
    public String aggregateId() {
        return investigationId;
    }

    @Override
    public String detailType() {
        return DETAIL_TYPE;
    }
}
