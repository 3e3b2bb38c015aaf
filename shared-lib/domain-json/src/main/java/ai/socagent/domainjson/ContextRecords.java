package ai.socagent.domainjson;

import ai.socagent.domain.agent.AgentStatus;
import ai.socagent.domain.agent.AgentWork;
import ai.socagent.domain.audit.AuditEntry;
import ai.socagent.domain.classification.Classification;
import ai.socagent.domain.classification.ThreatPattern;
import ai.socagent.domain.indicator.EnrichmentSummary;
import ai.socagent.domain.investigation.Investigation;
import ai.socagent.domain.investigation.RootCause;
import ai.socagent.domain.investigation.Timeline;
import ai.socagent.domain.response.ResponseAction;
import ai.socagent.domain.response.ResponsePlan;
import ai.socagent.domain.threat.Threat;
import java.util.List;

/**
 * Every record one agent leaves in the context store for the next, with its schema version. A
 * record type's name is also the context level an investigation record is kept under in its
 * partition (InvestigationContextTable), so "what does this investigation hold" is readable from the
 * keys; {@link #THREAT_PATTERN} lives in GlobalContextTable and {@link #AGENT_WORK} and
 * {@link #AGENT_STATUS} in AgentContextTable.
 *
 * <p>Changing a record's shape means a new schema version here, with the upgrade that reads the
 * old documents ({@link ContextRecordType#nextVersion}).
 */
public final class ContextRecords {

    /** The threat under investigation: the normalised finding, who submitted it and when. */
    public static final ContextRecordType<Threat> THREAT = ContextRecordType.of("threat", 1, Threat.class);

    /** The ThreatClassifier's verdict. */
    public static final ContextRecordType<Classification> CLASSIFICATION =
            ContextRecordType.of("classification", 1, Classification.class);

    /** The ThreatIntelligence agent's enrichment of the indicators. */
    public static final ContextRecordType<EnrichmentSummary> ENRICHMENT =
            ContextRecordType.of("enrichment", 1, EnrichmentSummary.class);

    /** The investigation itself: its status and history. */
    public static final ContextRecordType<Investigation> INVESTIGATION =
            ContextRecordType.of("investigation", 1, Investigation.class);

    /** The reconstructed timeline. */
    public static final ContextRecordType<Timeline> TIMELINE = ContextRecordType.of("timeline", 1, Timeline.class);

    /** The RootCauseAnalysis agent's conclusion. */
    public static final ContextRecordType<RootCause> ROOT_CAUSE =
            ContextRecordType.of("root-cause", 1, RootCause.class);

    /** The ResponseOrchestration agent's plan. */
    public static final ContextRecordType<ResponsePlan> RESPONSE_PLAN =
            ContextRecordType.of("response-plan", 1, ResponsePlan.class);

    /** One action of a plan, as it changes (approved, executed, rolled back). */
    public static final ContextRecordType<ResponseAction> RESPONSE_ACTION =
            ContextRecordType.of("response-action", 1, ResponseAction.class);

    /** A classified threat as other investigations correlate with it (GlobalContextTable). */
    public static final ContextRecordType<ThreatPattern> THREAT_PATTERN =
            ContextRecordType.of("threat-pattern", 1, ThreatPattern.class);

    /** What an agent did in its session of an investigation (AgentContextTable). */
    public static final ContextRecordType<AgentWork> AGENT_WORK =
            ContextRecordType.of("agent-work", 1, AgentWork.class);

    /** An agent instance's report of its model calls and queues (AgentContextTable). */
    public static final ContextRecordType<AgentStatus> AGENT_STATUS =
            ContextRecordType.of("agent-status", 1, AgentStatus.class);

    /** One line of the audit trail. */
    public static final ContextRecordType<AuditEntry> AUDIT_ENTRY =
            ContextRecordType.of("audit-entry", 1, AuditEntry.class);

    private ContextRecords() {}

    /** Every record type, each name once. */
    public static List<ContextRecordType<?>> all() {
        return List.of(
                THREAT,
                CLASSIFICATION,
                ENRICHMENT,
                INVESTIGATION,
                TIMELINE,
                ROOT_CAUSE,
                RESPONSE_PLAN,
                RESPONSE_ACTION,
                THREAT_PATTERN,
                AGENT_WORK,
                AGENT_STATUS,
                AUDIT_ENTRY);
    }
}
