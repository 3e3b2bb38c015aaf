package ai.socagent.domain.event;

import ai.socagent.domain.Preconditions;
import ai.socagent.domain.investigation.Evidence;
import java.time.Instant;
import java.util.List;

/**
 * The investigation agent finished collecting evidence.
 */
public record InvestigationComplete(
        String eventId,
        String correlationId,
        Instant occurredAt,
        int schemaVersion,
        String investigationId,
        List<Evidence> evidence,
        String summary)
        implements DomainEvent {

    public static final String DETAIL_TYPE = "Investigation Complete";

    public InvestigationComplete {
        DomainEvents.checkMetadata(eventId, correlationId, occurredAt, schemaVersion);
        Preconditions.requireUuid(investigationId, "investigationId");
        evidence = Preconditions.copyList(evidence, "evidence");
        for (Evidence item : evidence) {
            if (!item.investigationId().equals(investigationId)) {
                throw new IllegalArgumentException("evidence " + item.evidenceId() + " belongs to investigation "
                        + item.investigationId() + ", not " + investigationId);
            }
        }
        Preconditions.requireNonBlank(summary, "summary");
    }

    /** A new event with a random id and the current schema version. */
    public static InvestigationComplete of(
            String correlationId, Instant occurredAt, String investigationId, List<Evidence> evidence, String summary) {
        return new InvestigationComplete(
                Preconditions.newId(),
                correlationId,
                occurredAt,
                DomainEvents.CURRENT_SCHEMA_VERSION,
                investigationId,
                evidence,
                summary);
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
