package ai.socagent.domain.event;

import ai.socagent.domain.Preconditions;
import ai.socagent.domain.response.ResponsePlan;
import java.time.Instant;

/**
 * The response orchestration agent proposed a response plan.
 */
public record ResponsePlanReady(
        String eventId,
        String correlationId,
        Instant occurredAt,
        int schemaVersion,
        String investigationId,
        ResponsePlan plan)
        implements DomainEvent {

    public static final String DETAIL_TYPE = "Response Plan Ready";

    public ResponsePlanReady {
        DomainEvents.checkMetadata(eventId, correlationId, occurredAt, schemaVersion);
        Preconditions.requireUuid(investigationId, "investigationId");
        Preconditions.requireNonNull(plan, "plan");
        if (!plan.investigationId().equals(investigationId)) {
            throw new IllegalArgumentException("plan " + plan.planId() + " belongs to investigation "
                    + plan.investigationId() + ", not " + investigationId);
        }
    }

    /** A new event with a random id and the current schema version. */
    public static ResponsePlanReady of(
            String correlationId, Instant occurredAt, String investigationId, ResponsePlan plan) {
        return new ResponsePlanReady(
                Preconditions.newId(),
                correlationId,
                occurredAt,
                DomainEvents.CURRENT_SCHEMA_VERSION,
                investigationId,
                plan);
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
