package ai.socagent.domain.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.socagent.domain.Severity;
import ai.socagent.domain.classification.Classification;
import ai.socagent.domain.classification.ThreatCategory;
import ai.socagent.domain.event.EmergencyThreatDetected;
import ai.socagent.domain.event.ThreatClassificationComplete;
import ai.socagent.domain.event.ThreatSubmitted;
import ai.socagent.domain.finding.Finding;
import ai.socagent.domain.finding.FindingFormat;
import ai.socagent.domain.investigation.Investigation;
import ai.socagent.domain.threat.Threat;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditEntryTest {

    private static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");

    private static Threat threat() {
        Finding finding = Finding.builder()
                .format(FindingFormat.PLAIN_THREAT)
                .sourceFindingId("t-1")
                .findingType("PlainThreat")
                .title("C2 beacon")
                .severity(Severity.HIGH)
                .sourceSeverityScore(3)
                .firstSeen(T0)
                .lastSeen(T0)
                .rawPayload("{}")
                .receivedAt(T0)
                .build();
        return Threat.forFinding(finding, "corr-1", T0);
    }

    @Test
    void of_event_keepsItsIdTypeTimeAndCorrelationWithASentence() {
        Threat threat = threat();
        Classification classification = new Classification(
                ThreatCategory.BACKDOOR, Severity.CRITICAL, 0.8, List.of(), List.of(), "offline-engine", T0);
        String investigationId = Investigation.idForThreat(threat.threatId());
        var complete =
                ThreatClassificationComplete.of("corr-1", T0, threat.threatId(), investigationId, classification);
        var emergency = EmergencyThreatDetected.of(
                "corr-1", T0, threat.threatId(), investigationId, classification, "Classified CRITICAL: C2 beacon");

        AuditEntry submitted = AuditEntry.of(ThreatSubmitted.of(threat, T0));
        AuditEntry classified = AuditEntry.of(complete);

        assertThat(submitted.detailType()).isEqualTo("Threat Submitted");
        assertThat(submitted.summary()).isEqualTo("Submitted API finding PlainThreat");
        assertThat(classified.eventId()).isEqualTo(complete.eventId());
        assertThat(classified.occurredAt()).isEqualTo(T0);
        assertThat(classified.correlationId()).isEqualTo("corr-1");
        assertThat(classified.summary()).isEqualTo("Classified CRITICAL BACKDOOR by offline-engine");
        assertThat(AuditEntry.of(emergency).summary()).isEqualTo("Emergency: Classified CRITICAL: C2 beacon");
    }

    @Test
    void new_longSummary_isCutAtTheLimit() {
        AuditEntry entry = new AuditEntry(
                "7f1c2e0a-0d55-4b8e-9f1f-2b7f7b0b9a11", "Root Cause Identified", "c", T0, "x".repeat(10_000));

        assertThat(entry.summary()).hasSize(AuditEntry.MAX_SUMMARY_LENGTH).endsWith("…");
        assertThatThrownBy(() -> new AuditEntry("not-a-uuid", "t", "c", T0, "s"))
                .hasMessageContaining("eventId");
    }
}
