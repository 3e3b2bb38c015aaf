package ai.socagent.services.threatclassifier.application;

import static org.assertj.core.api.Assertions.assertThat;

import ai.socagent.agentruntime.offline.OfflineThreatClassifier;
import ai.socagent.domain.Severity;
import ai.socagent.domain.event.DomainEvent;
import ai.socagent.domain.event.EmergencyThreatDetected;
import ai.socagent.domain.event.ThreatClassificationComplete;
import ai.socagent.domain.threat.Threat;
import ai.socagent.ingestion.FindingIngestion;
import ai.socagent.ingestion.SampleFindings;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassifyThreatServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    private final FindingIngestion ingestion = FindingIngestion.withDefaults();
    private final ClassifyThreatService service =
            new ClassifyThreatService(OfflineThreatClassifier.embedded(), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void classify_guardDutyFinding_completesWithCtidTechniquesInTheSameInvestigation() {
        Threat threat = threat("guardduty/Backdoor_EC2_C_CActivity.B.json");

        List<DomainEvent> events = service.classify(threat);

        ThreatClassificationComplete complete = (ThreatClassificationComplete) events.getLast();
        assertThat(complete.threatId()).isEqualTo(threat.threatId());
        assertThat(complete.correlationId()).isEqualTo(threat.correlationId());
        assertThat(complete.investigationId()).isEqualTo(ClassifyThreatService.investigationIdFor(threat));
        assertThat(complete.classification().techniques()).isNotEmpty();
        assertThat(complete.occurredAt()).isEqualTo(NOW);
        assertThat(service.classify(threat).getLast())
                .extracting(e -> ((ThreatClassificationComplete) e).investigationId())
                .isEqualTo(complete.investigationId());
    }

    @Test
    void classify_anyThreat_raisesAnEmergencyExactlyWhenItIsCritical() {
        int critical = 0;
        for (String sample : SampleFindings.paths()) {
            for (var finding :
                    ingestion.ingest(SampleFindings.read(sample), NOW).findings()) {
                Threat threat = Threat.forFinding(finding, "corr-" + sample, NOW);
                List<DomainEvent> events = service.classify(threat);
                Severity severity = ((ThreatClassificationComplete) events.getLast())
                        .classification()
                        .severity();

                if (severity == Severity.CRITICAL) {
                    critical++;
                    assertThat(events).as(sample).hasSize(2);
                    assertThat(events.getFirst()).isInstanceOf(EmergencyThreatDetected.class);
                } else {
                    assertThat(events).as(sample).hasSize(1);
                }
            }
        }
        assertThat(critical).as("the samples include CRITICAL threats").isPositive();
    }

    private Threat threat(String sample) {
        return Threat.forFinding(
                ingestion.ingest(SampleFindings.read(sample), NOW).findings().getFirst(), "corr-1", NOW);
    }
}
