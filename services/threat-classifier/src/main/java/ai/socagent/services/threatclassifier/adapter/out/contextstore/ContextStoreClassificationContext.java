package ai.socagent.services.threatclassifier.adapter.out.contextstore;

import ai.socagent.contextstore.AgentContextEntry;
import ai.socagent.contextstore.ContextAlreadyExistsException;
import ai.socagent.contextstore.ContextStore;
import ai.socagent.contextstore.GlobalContextEntry;
import ai.socagent.contextstore.InvestigationContextEntry;
import ai.socagent.domain.agent.AgentName;
import ai.socagent.domain.classification.Classification;
import ai.socagent.domain.classification.TechniqueAssignment;
import ai.socagent.domain.threat.Threat;
import ai.socagent.services.threatclassifier.application.ClassificationJson;
import ai.socagent.services.threatclassifier.application.port.out.ClassificationContextPort;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keeps each classification in the three context tables: the investigation's {@value
 * #CONTEXT_LEVEL} level, the {@value #CONTEXT_TYPE} threat pattern in the global table (findable by
 * threat type and severity), and the classifier's own session.
 *
 * <p>Every key is timed by the threat's submission, not by the classification, so a redelivered
 * threat finds its entries already there and writes nothing twice. Global entries of different
 * threats submitted in the same millisecond (one payload of many findings) each take a
 * microsecond of their own ({@link #firstGlobalSlot}, then the next free one): the global table's
 * key is only {@code context_type} and {@code timestamp}.
 */
public final class ContextStoreClassificationContext implements ClassificationContextPort {

    /** The investigation context level and the payload's name for it. */
    public static final String CONTEXT_LEVEL = "classification";

    /** The global context type of classified threats. */
    public static final String CONTEXT_TYPE = "threat-classification";

    /** How many later microseconds a global entry may move to before giving up. */
    static final int MAX_GLOBAL_SLOTS = 10_000;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String AGENT_ID = AgentName.THREAT_CLASSIFIER.displayName();

    private final ContextStore store;

    public ContextStoreClassificationContext(ContextStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public void record(
            Threat threat,
            String investigationId,
            Classification classification,
            String producedBy,
            Optional<String> fallbackReason,
            Instant classifiedAt) {
        Instant key = threat.submittedAt();
        ObjectNode investigation = JSON.createObjectNode();
        investigation.put("threatId", threat.threatId());
        investigation.put("findingId", threat.finding().findingId());
        investigation.put("findingType", threat.finding().findingType());
        investigation.put("title", threat.finding().title());
        investigation.set(CONTEXT_LEVEL, ClassificationJson.output(classification));
        investigation.put("producedBy", producedBy);
        fallbackReason.ifPresent(reason -> investigation.put("fallbackReason", reason));
        investigation.put("classifiedAt", classifiedAt.toString());
        createIfAbsent(() -> store.investigations()
                .create(InvestigationContextEntry.of(
                        investigationId, CONTEXT_LEVEL, key, AGENT_ID, investigation.toString())));

        ObjectNode session = JSON.createObjectNode();
        session.put("investigationId", investigationId);
        session.put("threatId", threat.threatId());
        session.put("producedBy", producedBy);
        fallbackReason.ifPresent(reason -> session.put("fallbackReason", reason));
        session.put("classifiedAt", classifiedAt.toString());
        createIfAbsent(
                () -> store.agents().create(AgentContextEntry.of(AGENT_ID, investigationId, key, session.toString())));

        recordGlobal(threat, investigationId, classification, classifiedAt);
    }

    private void recordGlobal(
            Threat threat, String investigationId, Classification classification, Instant classifiedAt) {
        ObjectNode pattern = JSON.createObjectNode();
        pattern.put("threatId", threat.threatId());
        pattern.put("investigationId", investigationId);
        pattern.put("findingType", threat.finding().findingType());
        pattern.put("source", threat.finding().source().name());
        threat.finding().accountId().ifPresent(account -> pattern.put("accountId", account));
        threat.finding().primaryResource().ifPresent(resource -> pattern.put("resourceId", resource.id()));
        pattern.put("category", classification.category().name());
        pattern.put("severity", classification.severity().name());
        var techniques = pattern.putArray("techniques");
        classification.techniques().stream()
                .map(TechniqueAssignment::techniqueId)
                .forEach(techniques::add);
        pattern.put("classifiedAt", classifiedAt.toString());
        String payload = pattern.toString();

        Instant slot = firstGlobalSlot(threat);
        for (int attempt = 0; attempt < MAX_GLOBAL_SLOTS; attempt++) {
            try {
                store.global()
                        .create(GlobalContextEntry.of(
                                CONTEXT_TYPE,
                                slot,
                                classification.category().name(),
                                classification.severity().name(),
                                payload));
                return;
            } catch (ContextAlreadyExistsException taken) {
                if (isSameThreat(slot, threat.threatId())) {
                    return; // recorded by an earlier delivery of this threat
                }
                slot = slot.plus(1, ChronoUnit.MICROS);
            }
        }
        throw new IllegalStateException("no free global context slot within " + MAX_GLOBAL_SLOTS + " microseconds of "
                + threat.submittedAt() + " for threat " + threat.threatId());
    }

    /**
     * Where the threat's global entry is tried first: its submission millisecond plus a microsecond
     * offset drawn from the threat id. The findings of one payload (up to 100) share a submission
     * instant, so starting them all at that instant would make the n-th probe n - 1 taken slots (two
     * round trips each); spread over 1,000 offsets, a threat mostly lands on its first try, still
     * within the millisecond it was submitted in.
     */
    static Instant firstGlobalSlot(Threat threat) {
        long offsetMicros = Math.floorMod(threat.threatId().hashCode(), 1_000);
        return threat.submittedAt().truncatedTo(ChronoUnit.MILLIS).plus(offsetMicros, ChronoUnit.MICROS);
    }

    private boolean isSameThreat(Instant slot, String threatId) {
        return store.global()
                .find(CONTEXT_TYPE, slot)
                .map(entry -> JSON.readTree(entry.payload()))
                .map(node -> node.path("threatId"))
                .filter(JsonNode::isString)
                .map(JsonNode::asString)
                .filter(threatId::equals)
                .isPresent();
    }

    private static void createIfAbsent(Runnable create) {
        try {
            create.run();
        } catch (ContextAlreadyExistsException recordedBefore) {
            // a redelivery: the entry of the first delivery stands
        }
    }
}
