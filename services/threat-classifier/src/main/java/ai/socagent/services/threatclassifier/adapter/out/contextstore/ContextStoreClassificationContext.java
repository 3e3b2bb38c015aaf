package ai.socagent.services.threatclassifier.adapter.out.contextstore;

import ai.socagent.agentruntime.model.ClassificationJson;
import ai.socagent.contextstore.AgentContextEntry;
import ai.socagent.contextstore.ContextAlreadyExistsException;
import ai.socagent.contextstore.ContextStore;
import ai.socagent.contextstore.GlobalContextEntry;
import ai.socagent.contextstore.InvestigationContextEntry;
import ai.socagent.domain.agent.AgentName;
import ai.socagent.domain.classification.Classification;
import ai.socagent.domain.classification.TechniqueAssignment;
import ai.socagent.domain.threat.Threat;
import ai.socagent.services.threatclassifier.application.port.out.ClassificationContextPort;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keeps each classification in the three context tables: the investigation's {@value
 * #CONTEXT_LEVEL} level, the {@value #CONTEXT_TYPE} threat pattern in the global table (findable by
 * threat type and severity), and the classifier's own session.
 *
 * <p>Every key is timed by the threat's submission, not by the classification, so a redelivered
 * threat finds its entries already there and writes nothing twice. The global entry's item id is
 * the threat id (sort key {@code <submitted>#<threat id>}), so the threats of one payload, submitted
 * at the same instant, each have a key of their own: one conditional write per entry.
 */
public final class ContextStoreClassificationContext implements ClassificationContextPort {

    /** The investigation context level and the payload's name for it. */
    public static final String CONTEXT_LEVEL = "classification";

    /** The global context type of classified threats. */
    public static final String CONTEXT_TYPE = "threat-classification";

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

        createIfAbsent(() -> store.global()
                .create(GlobalContextEntry.of(
                        CONTEXT_TYPE,
                        threat.submittedAt(),
                        threat.threatId(),
                        classification.category().name(),
                        classification.severity().name(),
                        payload)));
    }

    private static void createIfAbsent(Runnable create) {
        try {
            create.run();
        } catch (ContextAlreadyExistsException recordedBefore) {
            // a redelivery: the entry of the first delivery stands
        }
    }
}
