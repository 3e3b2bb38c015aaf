package ai.socagent.domain.event;

import ai.socagent.domain.Preconditions;
import ai.socagent.domain.classification.Classification;
import java.time.Instant;

/**
 * The threat classifier classified a threat and opened its investigation.
 */
public record ThreatClassificationComplete(
        String eventId,
        String correlationId,
        Instant occurredAt,
        int schemaVersion,
        String threatId,
        String investigationId,
        Classification classification)
        implements DomainEvent {

    public static final String DETAIL_TYPE = "Threat Classification Complete";

    public ThreatClassificationComplete {
        DomainEvents.checkMetadata(eventId, correlationId, occurredAt, schemaVersion);
        Preconditions.requireUuid(threatId, "threatId");
        Preconditions.requireUuid(investigationId, "investigationId");
        Preconditions.requireNonNull(classification, "classification");
    }

    /** The event of the investigation's one classification: its id is {@link DomainEvents#onceFor the same} every time. */
    public static ThreatClassificationComplete of(
            String correlationId,
            Instant occurredAt,
            String threatId,
            String investigationId,
            Classification classification) {
        return new ThreatClassificationComplete(
                DomainEvents.onceFor(DETAIL_TYPE, investigationId),
                correlationId,
                occurredAt,
                DomainEvents.CURRENT_SCHEMA_VERSION,
                threatId,
                investigationId,
                classification);
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
