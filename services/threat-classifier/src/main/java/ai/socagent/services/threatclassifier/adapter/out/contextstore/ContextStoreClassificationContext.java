package ai.socagent.services.threatclassifier.adapter.out.contextstore;

import ai.socagent.contextstore.AgentContextEntry;
import ai.socagent.contextstore.AgentContextRepository;
import ai.socagent.contextstore.ContextAlreadyExistsException;
import ai.socagent.contextstore.ContextStore;
import ai.socagent.contextstore.GlobalContextEntry;
import ai.socagent.contextstore.GlobalContextRepository;
import ai.socagent.contextstore.records.InvestigationRecords;
import ai.socagent.contextstore.records.RawFindings;
import ai.socagent.contextstore.records.ThreatRecords;
import ai.socagent.domain.agent.AgentName;
import ai.socagent.domain.agent.AgentWork;
import ai.socagent.domain.classification.Classification;
import ai.socagent.domain.classification.TechniqueAssignment;
import ai.socagent.domain.classification.ThreatPattern;
import ai.socagent.domain.finding.Resource;
import ai.socagent.domain.threat.Threat;
import ai.socagent.domainjson.ContextRecordCodec;
import ai.socagent.domainjson.ContextRecords;
import ai.socagent.services.threatclassifier.application.port.out.ClassificationContextPort;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps each classification in the three context tables, every one a typed record through its
 * codec: the {@code classification} record of the investigation, the classifier's {@code
 * agent-work} in its session, and the {@code threat-pattern} of the global context ({@value
 * #CONTEXT_TYPE}, findable by category through {@code threat_type-timestamp-index} and by severity).
 *
 * <p>An investigation has one classification: the first stands. The session and pattern entries are
 * timed by the threat's submission, not by the classification, so a redelivered threat finds its
 * entries already there and writes nothing twice.
 */
public final class ContextStoreClassificationContext implements ClassificationContextPort {

    /** The global context type of classified threats. */
    public static final String CONTEXT_TYPE = "threat-classification";

    /** The task the classifier records in its session. */
    public static final String TASK = "classification";

    private static final AgentName AGENT = AgentName.THREAT_CLASSIFIER;

    private final InvestigationRecords investigations;
    private final ThreatRecords threats;
    private final RawFindings rawFindings;
    private final AgentContextRepository agents;
    private final GlobalContextRepository global;
    private final ContextRecordCodec<AgentWork> work = ContextRecordCodec.of(ContextRecords.AGENT_WORK);
    private final ContextRecordCodec<ThreatPattern> patterns = ContextRecordCodec.of(ContextRecords.THREAT_PATTERN);

    public ContextStoreClassificationContext(
            ContextStore store, InvestigationRecords investigations, ThreatRecords threats, RawFindings rawFindings) {
        Objects.requireNonNull(store, "store");
        this.investigations = Objects.requireNonNull(investigations, "investigations");
        this.threats = Objects.requireNonNull(threats, "threats");
        this.rawFindings = Objects.requireNonNull(rawFindings, "rawFindings");
        this.agents = store.agents();
        this.global = store.global();
    }

    public ContextStoreClassificationContext(ContextStore store, RawFindings rawFindings) {
        this(store, new InvestigationRecords(store), new ThreatRecords(store), rawFindings);
    }

    @Override
    public Threat recordArrival(Threat threat, String rawPayload) {
        rawFindings.keep(threat.finding(), rawPayload);
        return threats.recordArrival(threat, AGENT.displayName());
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
        investigations.putIfAbsent(investigationId, ContextRecords.CLASSIFICATION, AGENT.displayName(), classification);
        createIfAbsent(() -> agents.create(AgentContextEntry.of(
                AGENT.displayName(),
                investigationId,
                key,
                work.encode(new AgentWork(AGENT, investigationId, TASK, producedBy, fallbackReason, classifiedAt)))));
        ThreatPattern pattern = new ThreatPattern(
                threat.threatId(),
                investigationId,
                threat.finding().findingType(),
                threat.finding().source(),
                threat.finding().accountId(),
                threat.finding().primaryResource().map(Resource::id),
                classification.category(),
                classification.severity(),
                classification.techniques().stream()
                        .map(TechniqueAssignment::techniqueId)
                        .toList(),
                classifiedAt);
        createIfAbsent(() -> global.create(GlobalContextEntry.of(
                CONTEXT_TYPE,
                key,
                threat.threatId(),
                classification.category().name(),
                classification.severity().name(),
                patterns.encode(pattern))));
    }

    private static void createIfAbsent(Runnable create) {
        try {
            create.run();
        } catch (ContextAlreadyExistsException recordedBefore) {
            // a redelivery: the entry of the first delivery stands
        }
    }
}
