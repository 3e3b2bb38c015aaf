package ai.socagent.domain.event;

import ai.socagent.domain.Preconditions;
import ai.socagent.domain.response.ActionStatus;
import ai.socagent.domain.response.ResponseAction;
import java.time.Instant;

/**
 * A response action finished executing, successfully (EXECUTED) or not (FAILED).
 */
public record ResponseActionExecuted(
        String eventId,
        String correlationId,
        Instant occurredAt,
        int schemaVersion,
        String investigationId,
        ResponseAction action)
        implements DomainEvent {

    public static final String DETAIL_TYPE = "Response Action Executed";

    public ResponseActionExecuted {
        DomainEvents.checkMetadata(eventId, correlationId, occurredAt, schemaVersion);
        Preconditions.requireUuid(investigationId, "investigationId");
        Preconditions.requireNonNull(action, "action");
        if (action.status() != ActionStatus.EXECUTED && action.status() != ActionStatus.FAILED) {
            throw new IllegalArgumentException("an executed action must be EXECUTED or FAILED, not " + action.status());
        }
    }

    /** A new event with a random id and the current schema version. */
    public static ResponseActionExecuted of(
            String correlationId, Instant occurredAt, String investigationId, ResponseAction action) {
        return new ResponseActionExecuted(
                Preconditions.newId(),
                correlationId,
                occurredAt,
                DomainEvents.CURRENT_SCHEMA_VERSION,
                investigationId,
                action);
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
