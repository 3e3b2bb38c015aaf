package ai.socagent.domain.event;

import java.time.Instant;

/**
 * An event of the agent pipeline, published on the {@link DomainEvents.EventBus#NAME} bus with
 * source {@link DomainEvents.EventBus#SOURCE} and detail-type {@link #detailType()}.
 */
public sealed interface DomainEvent
        permits ThreatSubmitted,
                ThreatClassificationComplete,
                EmergencyThreatDetected,
                ThreatIntelligenceEnriched,
                InvestigationComplete,
                RootCauseIdentified,
                ResponsePlanReady,
                ResponseActionExecuted {

    /** Unique id of this event (UUID); consumers use it to deduplicate redeliveries. */
    String eventId();

    /** When the event happened. */
    Instant occurredAt();

    /** The correlation id of the threat that started the chain of events. */
    String correlationId();

    /** Version of the event's schema; {@link DomainEvents#CURRENT_SCHEMA_VERSION} for new events. */
    int schemaVersion();

    /** Id of the aggregate the event belongs to: the investigation id, or the threat id before one exists. */
    String aggregateId();

    /** The EventBridge detail-type, e.g. "Threat Submitted". */
    String detailType();
}
