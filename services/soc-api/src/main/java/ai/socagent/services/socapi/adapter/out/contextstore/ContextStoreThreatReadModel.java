package ai.socagent.services.socapi.adapter.out.contextstore;

import ai.socagent.contextstore.records.InvestigationRecords;
import ai.socagent.contextstore.records.InvestigationSnapshot;
import ai.socagent.contextstore.records.RawFindings;
import ai.socagent.contextstore.records.ThreatRecords;
import ai.socagent.domain.audit.AuditEntry;
import ai.socagent.domain.investigation.Investigation;
import ai.socagent.domain.threat.Threat;
import ai.socagent.domainjson.ContextRecords;
import ai.socagent.services.socapi.application.port.out.AuditTrailPort;
import ai.socagent.services.socapi.application.port.out.ThreatReadModelPort;
import ai.socagent.services.socapi.application.port.out.ThreatRecordPort;
import ai.socagent.services.socapi.domain.ThreatView;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The read model is the shared context store itself: a threat's investigation partition holds the
 * threat (written here, or by the ThreatClassifier for findings that came straight from AWS), the
 * agents' records and the audit trail; the global context lists the threats newest first; the raw
 * payloads are the investigations' evidence. Nothing is
 * held in this process, so a restart or a second instance sees the same threats.
 */
public final class ContextStoreThreatReadModel implements ThreatRecordPort, ThreatReadModelPort, AuditTrailPort {

    /** The agent id the API writes its context entries under. */
    public static final String AGENT_ID = "soc-api";

    private final ThreatRecords threats;
    private final InvestigationRecords investigations;
    private final RawFindings rawFindings;

    public ContextStoreThreatReadModel(
            ThreatRecords threats, InvestigationRecords investigations, RawFindings rawFindings) {
        this.threats = Objects.requireNonNull(threats, "threats");
        this.investigations = Objects.requireNonNull(investigations, "investigations");
        this.rawFindings = Objects.requireNonNull(rawFindings, "rawFindings");
    }

    @Override
    public Threat record(Threat threat, String rawPayload) {
        rawFindings.keep(threat.finding(), rawPayload);
        return threats.recordArrival(threat, AGENT_ID);
    }

    @Override
    public Optional<ThreatView> find(String threatId) {
        String investigationId = Investigation.idForThreat(threatId);
        InvestigationSnapshot snapshot = investigations.snapshot(investigationId);
        return snapshot.latest(ContextRecords.THREAT)
                .map(threat -> new ThreatView(
                        threat,
                        investigationId,
                        snapshot.latest(ContextRecords.CLASSIFICATION),
                        snapshot.all(ContextRecords.AUDIT_ENTRY),
                        rawFindings.load(threat.finding())));
    }

    @Override
    public List<Threat> newest(int limit) {
        return threats.newest(limit, Optional.empty()).items();
    }

    @Override
    public void append(String investigationId, AuditEntry entry) {
        investigations.putIfAbsent(
                investigationId, ContextRecords.AUDIT_ENTRY, entry.eventId(), entry.occurredAt(), AGENT_ID, entry);
    }
}
