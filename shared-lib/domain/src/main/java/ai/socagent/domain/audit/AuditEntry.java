package ai.socagent.domain.audit;

import ai.socagent.domain.Preconditions;
import ai.socagent.domain.event.DomainEvent;
import ai.socagent.domain.event.EmergencyThreatDetected;
import ai.socagent.domain.event.InvestigationComplete;
import ai.socagent.domain.event.ResponseActionExecuted;
import ai.socagent.domain.event.ResponsePlanReady;
import ai.socagent.domain.event.RootCauseIdentified;
import ai.socagent.domain.event.ThreatClassificationComplete;
import ai.socagent.domain.event.ThreatIntelligenceEnriched;
import ai.socagent.domain.event.ThreatSubmitted;
import java.time.Instant;

/**
 * One line of an investigation's audit trail: a pipeline event as the SOC sees it afterwards —
 * which event, when, and what it said in a sentence. The event itself stays with whoever produced
 * it; the trail keeps what an analyst reads.
 *
 * @param eventId the event's id; the trail holds each event once
 * @param detailType the event's detail-type ("Threat Classification Complete" ...)
 * @param correlationId the correlation id of the threat that started the chain
 * @param occurredAt when the event happened
 * @param summary one analyst-readable sentence
 */
public record AuditEntry(String eventId, String detailType, String correlationId, Instant occurredAt, String summary) {

    /** Longest summary kept; an event's own text (a model's summary, say) is cut there. */
    public static final int MAX_SUMMARY_LENGTH = 500;

    public AuditEntry {
        Preconditions.requireUuid(eventId, "eventId");
        Preconditions.requireNonBlank(detailType, "detailType");
        Preconditions.requireNonBlank(correlationId, "correlationId");
        Preconditions.requireNonNull(occurredAt, "occurredAt");
        Preconditions.requireNonBlank(summary, "summary");
        if (summary.length() > MAX_SUMMARY_LENGTH) {
            summary = summary.substring(0, MAX_SUMMARY_LENGTH - 1) + "…";
        }
    }

    /** The entry of a pipeline event. */
    public static AuditEntry of(DomainEvent event) {
        Preconditions.requireNonNull(event, "event");
        return new AuditEntry(
                event.eventId(), event.detailType(), event.correlationId(), event.occurredAt(), summaryOf(event));
    }

    private static String summaryOf(DomainEvent event) {
        return switch (event) {
            case ThreatSubmitted submitted ->
                "Submitted " + submitted.threat().finding().source() + " finding "
                        + submitted.threat().finding().findingType();
            case ThreatClassificationComplete complete ->
                "Classified " + complete.classification().severity() + " "
                        + complete.classification().category() + " by "
                        + complete.classification().classifiedBy();
            case EmergencyThreatDetected emergency -> "Emergency: " + emergency.reason();
            case ThreatIntelligenceEnriched enriched ->
                "Enriched " + enriched.enrichment().indicatorsChecked() + " indicators: "
                        + enriched.enrichment().summary();
            case InvestigationComplete complete ->
                "Investigation complete with " + complete.evidence().size() + " evidence items: " + complete.summary();
            case RootCauseIdentified identified ->
                "Root cause: " + identified.rootCause().summary();
            case ResponsePlanReady ready ->
                "Response plan with " + ready.plan().actions().size() + " actions, "
                        + ready.plan().pendingApprovals().size() + " awaiting approval";
            case ResponseActionExecuted executed ->
                "Action " + executed.action().type() + " on "
                        + executed.action().target() + ": " + executed.action().status();
        };
    }
}
