package ai.socagent.domain.threat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.socagent.domain.Severity;
import ai.socagent.domain.finding.Finding;
import ai.socagent.domain.finding.FindingFormat;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ThreatTest {

    static Finding finding() {
        Instant t = Instant.parse("2025-06-01T10:00:00Z");
        return Finding.builder()
                .format(FindingFormat.PLAIN_THREAT)
                .sourceFindingId("threat-1")
                .findingType("PlainThreat")
                .title("Suspicious login")
                .severity(Severity.HIGH)
                .sourceSeverityScore(3)
                .firstSeen(t)
                .lastSeen(t)
                .rawPayload("{\"title\":\"Suspicious login\"}")
                .receivedAt(t)
                .build();
    }

    @Test
    void submit_withoutCorrelationId_usesThreatIdAsCorrelationId() {
        Threat threat = Threat.submit(finding(), Instant.EPOCH);
        assertThat(threat.correlationId()).isEqualTo(threat.threatId());
        assertThat(threat.finding().title()).isEqualTo("Suspicious login");
    }

    @Test
    void submit_withCorrelationId_keepsIt() {
        Threat threat = Threat.submit(finding(), "corr-42", Instant.EPOCH);
        assertThat(threat.correlationId()).isEqualTo("corr-42");
        assertThat(threat.threatId()).isNotEqualTo("corr-42");
    }

    @Test
    void forFinding_sameFinding_derivesSameThreatId() {
        Threat first = Threat.forFinding(finding(), "c1", Instant.EPOCH);
        Threat again = Threat.forFinding(finding(), "c2", Instant.EPOCH.plusSeconds(60));
        assertThat(again.threatId()).isEqualTo(first.threatId()).isEqualTo(Threat.idFor(finding()));
        assertThat(java.util.UUID.fromString(first.threatId()).version()).isEqualTo(5);
        assertThat(first.threatId()).isNotEqualTo(finding().findingId());
    }

    @Test
    void constructor_invalidComponents_throw() {
        assertThatThrownBy(() -> new Threat("nope", finding(), "c", Instant.EPOCH))
                .hasMessageContaining("threatId");
        assertThatThrownBy(() -> Threat.submit(null, Instant.EPOCH)).hasMessage("finding must not be null");
        assertThatThrownBy(() -> Threat.submit(finding(), " ", Instant.EPOCH))
                .hasMessage("correlationId must not be blank");
    }
}
