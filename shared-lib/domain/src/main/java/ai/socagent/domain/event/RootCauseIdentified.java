package ai.socagent.domain.event;

import ai.socagent.domain.Preconditions;
import ai.socagent.domain.investigation.RootCause;
import java.time.Instant;

/**
 * The root cause analysis agent identified the root cause.
 */
public record RootCauseIdentified(
        String eventId,
        String correlationId,
        Instant occurredAt,
        int schemaVersion,
        String investigationId,
        RootCause rootCause)
        implements DomainEvent {

    public static final String DETAIL_TYPE = "Root Cause Identified";

    public RootCauseIdentified {
        DomainEvents.checkMetadata(eventId, correlationId, occurredAt, schemaVersion);
        Preconditions.requireUuid(investigationId, "investigationId");
        Preconditions.requireNonNull(rootCause, "rootCause");
    }

    /** A new event with a random id and the current schema version. */
    public static RootCauseIdentified of(
            String correlationId, Instant occurredAt, String investigationId, RootCause rootCause) {
        return new RootCauseIdentified(
                Preconditions.newId(),
                correlationId,
                occurredAt,
                DomainEvents.CURRENT_SCHEMA_VERSION,
                investigationId,
                rootCause);
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
