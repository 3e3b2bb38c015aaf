package ai.socagent.domain.event;

import ai.socagent.domain.NameBasedIds;
import ai.socagent.domain.Preconditions;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Constants and lookups for the pipeline's {@link DomainEvent}s. */
public final class DomainEvents {

    /** Schema version written into every new event. */
    public static final int CURRENT_SCHEMA_VERSION = 1;

    /** The event bus all pipeline events travel on. */
    public static final class EventBus {
        /** Name of the EventBridge bus. */
        public static final String NAME = "ai-agent-events";

        /** The {@code source} of every event the service publishes. */
        public static final String SOURCE = "ai-agent-service";

        private EventBus() {}
    }

    private static final Map<String, Class<? extends DomainEvent>> TYPES = types();

    private DomainEvents() {}

    private static Map<String, Class<? extends DomainEvent>> types() {
        Map<String, Class<? extends DomainEvent>> types = new LinkedHashMap<>();
        types.put(ThreatSubmitted.DETAIL_TYPE, ThreatSubmitted.class);
        types.put(ThreatClassificationComplete.DETAIL_TYPE, ThreatClassificationComplete.class);
        types.put(EmergencyThreatDetected.DETAIL_TYPE, EmergencyThreatDetected.class);
        types.put(ThreatIntelligenceEnriched.DETAIL_TYPE, ThreatIntelligenceEnriched.class);
        types.put(InvestigationComplete.DETAIL_TYPE, InvestigationComplete.class);
        types.put(RootCauseIdentified.DETAIL_TYPE, RootCauseIdentified.class);
        types.put(ResponsePlanReady.DETAIL_TYPE, ResponsePlanReady.class);
        types.put(ResponseActionExecuted.DETAIL_TYPE, ResponseActionExecuted.class);
        return Collections.unmodifiableMap(types);
    }

    /** Every detail-type, in pipeline order. */
    public static List<String> detailTypes() {
        return List.copyOf(TYPES.keySet());
    }

    /** The event record class published with {@code detailType}. */
    public static Optional<Class<? extends DomainEvent>> eventClassFor(String detailType) {
        Preconditions.requireNonNull(detailType, "detailType");
        return Optional.ofNullable(TYPES.get(detailType));
    }

    /** Namespace of {@link #onceFor(String, String)}. */
    public static final UUID ONCE_NAMESPACE = UUID.fromString("b8e2c1d4-5f63-4a7e-9c01-2d8f4e6a7b35");

    /**
     * The id of an event that happens once for its subject: a name-based (version 5) UUID of the
     * detail-type and the subject's id. Publishing the fact again — a redelivered trigger handled a
     * second time, a client retrying a submission — yields the same event id, which every consumer's
     * idempotency claim and the audit trail then keep once.
     */
    public static String onceFor(String detailType, String subjectId) {
        Preconditions.requireNonBlank(detailType, "detailType");
        Preconditions.requireNonBlank(subjectId, "subjectId");
        return NameBasedIds.uuidV5(ONCE_NAMESPACE, detailType + "\n" + subjectId);
    }

    /** Checks shared by every event's compact constructor. */
    static void checkMetadata(String eventId, String correlationId, Instant occurredAt, int schemaVersion) {
        Preconditions.requireUuid(eventId, "eventId");
        Preconditions.requireNonBlank(correlationId, "correlationId");
        Preconditions.requireNonNull(occurredAt, "occurredAt");
        if (schemaVersion < 1 || schemaVersion > CURRENT_SCHEMA_VERSION) {
            throw new IllegalArgumentException(
                    "schemaVersion must be between 1 and " + CURRENT_SCHEMA_VERSION + " but was " + schemaVersion);
        }
    }
}
