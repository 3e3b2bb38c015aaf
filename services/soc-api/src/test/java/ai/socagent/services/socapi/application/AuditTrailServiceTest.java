package ai.socagent.services.socapi.application;

import static org.assertj.core.api.Assertions.assertThat;

import ai.socagent.domain.Severity;
import ai.socagent.domain.audit.AuditEntry;
import ai.socagent.domain.classification.Classification;
import ai.socagent.domain.classification.ThreatCategory;
import ai.socagent.domain.event.ThreatClassificationComplete;
import ai.socagent.domain.event.ThreatSubmitted;
import ai.socagent.domain.finding.Finding;
import ai.socagent.domain.finding.FindingFormat;
import ai.socagent.domain.investigation.Investigation;
import ai.socagent.domain.threat.Threat;
import ai.socagent.services.socapi.application.port.out.ThreatUpdatesPort;
import ai.socagent.services.socapi.domain.ThreatUpdate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditTrailServiceTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    @Test
    void record_everyEvent_isFiledUnderItsInvestigation() {
        List<Map.Entry<String, AuditEntry>> trail = new ArrayList<>();
        List<ThreatUpdate> updates = new ArrayList<>();
        AuditTrailService service = new AuditTrailService(
                (investigation, entry) -> trail.add(Map.entry(investigation, entry)), new ThreatUpdatesPort() {
                    @Override
                    public void publish(ThreatUpdate update) {
                        // filed first, told after
                        assertThat(trail)
                                .extracting(e -> e.getValue().eventId())
                                .contains(update.eventId());
                        updates.add(update);
                    }

                    @Override
                    public Runnable subscribe(java.util.function.Consumer<ThreatUpdate> listener) {
                        throw new UnsupportedOperationException();
                    }
                });
        Threat threat = Threat.forFinding(
                Finding.builder()
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
                        .build(),
                "corr-1",
                T0);
        String investigationId = Investigation.idForThreat(threat.threatId());
        var classified = ThreatClassificationComplete.of(
                "corr-1",
                T0,
                threat.threatId(),
                investigationId,
                new Classification(ThreatCategory.BACKDOOR, Severity.HIGH, 0.5, List.of(), List.of(), "x", T0));

        service.record(ThreatSubmitted.of(threat, T0));
        service.record(classified);

        assertThat(trail).extracting(Map.Entry::getKey).containsExactly(investigationId, investigationId);
        assertThat(trail.get(1).getValue()).isEqualTo(AuditEntry.of(classified));
        // each filed event told to live views, with the threat it names
        assertThat(updates)
                .extracting(ThreatUpdate::detailType, ThreatUpdate::investigationId, ThreatUpdate::threatId)
                .containsExactly(
                        org.assertj.core.api.Assertions.tuple(
                                "Threat Submitted", investigationId, java.util.Optional.of(threat.threatId())),
                        org.assertj.core.api.Assertions.tuple(
                                "Threat Classification Complete",
                                investigationId,
                                java.util.Optional.of(threat.threatId())));
        assertThat(updates.get(1).eventId()).isEqualTo(classified.eventId());
    }
}
