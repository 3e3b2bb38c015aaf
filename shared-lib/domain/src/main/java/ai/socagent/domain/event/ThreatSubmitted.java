package ai.socagent.domain.event;

import ai.socagent.domain.Preconditions;
import ai.socagent.domain.threat.Threat;
import java.time.Instant;

/**
 * A threat entered the pipeline. Aggregate: the threat (no investigation exists yet).
 */
public record ThreatSubmitted(
        String eventId, String correlationId, Instant occurredAt, int schemaVersion, Threat threat)
        implements DomainEvent {

    public static final String DETAIL_TYPE = "Threat Submitted";

    public ThreatSubmitted {
        DomainEvents.checkMetadata(eventId, correlationId, occurredAt, schemaVersion);
        Preconditions.requireNonNull(threat, "threat");
        if (!threat.correlationId().equals(correlationId)) {
            throw new IllegalArgumentException("correlationId " + correlationId
                    + " differs from the threat's correlationId " + threat.correlationId());
        }
    }

    /**
     * The event of {@code threat}, correlated by the threat's correlation id. A threat enters the
     * pipeline once: its event id is {@link DomainEvents#onceFor the same} however often it is
     * submitted.
     */
    public static ThreatSubmitted of(Threat threat, Instant occurredAt) {
        Preconditions.requireNonNull(threat, "threat");
        return new ThreatSubmitted(
                DomainEvents.onceFor(DETAIL_TYPE, threat.threatId()),
                threat.correlationId(),
                occurredAt,
                DomainEvents.CURRENT_SCHEMA_VERSION,
                threat);
    }

    @Override
    public String aggregateId() {
        return threat.threatId();
    }

    @Override
    public String detailType() {
        return DETAIL_TYPE;
    }
}
