package ai.socagent.domain.event;

import ai.socagent.domain.Preconditions;
import ai.socagent.domain.indicator.EnrichmentSummary;
import java.time.Instant;

/**
 * The threat intelligence agent enriched the investigation's indicators.
 */
public record ThreatIntelligenceEnriched(
        String eventId,
        String correlationId,
        Instant occurredAt,
        int schemaVersion,
        String investigationId,
        EnrichmentSummary enrichment)
        implements DomainEvent {

    public static final String DETAIL_TYPE = "Threat Intelligence Enriched";

    public ThreatIntelligenceEnriched {
        DomainEvents.checkMetadata(eventId, correlationId, occurredAt, schemaVersion);
        Preconditions.requireUuid(investigationId, "investigationId");
        Preconditions.requireNonNull(enrichment, "enrichment");
    }

    /** A new event with a random id and the current schema version. */
    public static ThreatIntelligenceEnriched of(
            String correlationId, Instant occurredAt, String investigationId, EnrichmentSummary enrichment) {
        return new ThreatIntelligenceEnriched(
                Preconditions.newId(),
                correlationId,
                occurredAt,
                DomainEvents.CURRENT_SCHEMA_VERSION,
                investigationId,
                enrichment);
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
