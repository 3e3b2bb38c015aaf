package ai.socagent.agentruntime.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.socagent.agentruntime.offline.OfflineThreatClassifier;
import ai.socagent.agentruntime.prompt.OutputValidator;
import ai.socagent.domain.Severity;
import ai.socagent.domain.agent.AgentName;
import ai.socagent.domain.finding.Finding;
import ai.socagent.domain.finding.FindingFormat;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class ClassificationJsonTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static Finding finding() {
        return Finding.builder()
                .format(FindingFormat.GUARDDUTY)
                .sourceFindingId("f-1")
                .findingType("CryptoCurrency:EC2/BitcoinTool.B!DNS")
                .title("EC2 instance i-0abc is querying a domain name associated with Bitcoin.")
                .description("desc")
                .severity(Severity.HIGH)
                .sourceSeverityScore(8.0)
                .firstSeen(NOW)
                .lastSeen(NOW)
                .rawPayload("{}")
                .receivedAt(NOW)
                .build();
    }

    private static ModelRequest request(Severity known) {
        return new ModelRequest(
                AgentName.THREAT_CLASSIFIER,
                "inv-1",
                ClassificationJson.input(finding()),
                ClassificationJson.schema(),
                known);
    }

    @Test
    void output_offlineClassification_satisfiesTheSchema() {
        ObjectNode output =
                ClassificationJson.output(OfflineThreatClassifier.embedded().classify(finding()));

        assertThat(new OutputValidator().validate(output, ClassificationJson.schema()))
                .isInstanceOf(OutputValidator.Valid.class);
    }

    @Test
    void input_finding_carriesTheUntrustedFieldsTheModelReasonsOver() {
        ObjectNode input = ClassificationJson.input(finding());

        assertThat(input.get("title").asString()).contains("Bitcoin");
        assertThat(input.get("findingType").asString()).isEqualTo("CryptoCurrency:EC2/BitcoinTool.B!DNS");
        assertThat(input.get("sourceSeverity").asString()).isEqualTo("HIGH");
    }

    @Test
    void severityFloor_modelRaisesOrKeepsSeverity_isAllowed() {
        OutputPolicy policy = ClassificationJson.severityFloor();

        assertThat(policy.violations(
                        request(Severity.HIGH), JSON.createObjectNode().put("severity", "CRITICAL")))
                .isEmpty();
        assertThat(policy.violations(
                        request(Severity.HIGH), JSON.createObjectNode().put("severity", "HIGH")))
                .isEmpty();
    }

    @Test
    void severityFloor_modelLowersSeverity_isAViolation() {
        assertThat(ClassificationJson.severityFloor()
                        .violations(
                                request(Severity.HIGH), JSON.createObjectNode().put("severity", "LOW")))
                .singleElement()
                .asString()
                .contains("below the known severity HIGH");
    }
}
