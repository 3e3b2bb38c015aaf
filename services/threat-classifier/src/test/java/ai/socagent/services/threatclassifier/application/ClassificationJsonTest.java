package ai.socagent.services.threatclassifier.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.socagent.agentruntime.model.ModelRequest;
import ai.socagent.agentruntime.model.ModelRouting;
import ai.socagent.agentruntime.model.OutputPolicy;
import ai.socagent.agentruntime.prompt.OutputValidator;
import ai.socagent.domain.Severity;
import ai.socagent.domain.agent.AgentName;
import ai.socagent.domain.classification.Classification;
import ai.socagent.domain.classification.ThreatCategory;
import ai.socagent.domain.finding.Finding;
import ai.socagent.domain.finding.FindingFormat;
import ai.socagent.knowledgebase.attack.AttackKnowledge;
import ai.socagent.services.threatclassifier.TestClassifiers;
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
        ObjectNode output = ClassificationJson.output(TestClassifiers.offline().classify(finding()));

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

    @Test
    void parse_modelAnswer_givesTheDomainClassificationWithTacticNamesFromAttack() {
        var output = JSON.readTree("""
                {"category":"CRYPTOCURRENCY","severity":"HIGH","confidence":0.85,
                 "techniques":[{"id":"T1496","name":"Resource Hijacking"}],
                 "tactics":["TA0040","TA9999"],"rationale":"Bitcoin mining domain queried."}""");

        Classification classification =
                ClassificationJson.parse(output, ModelRouting.CLAUDE_35_HAIKU, NOW, AttackKnowledge.embedded());

        assertThat(classification.category()).isEqualTo(ThreatCategory.CRYPTOCURRENCY);
        assertThat(classification.severity()).isEqualTo(Severity.HIGH);
        assertThat(classification.confidence()).isEqualTo(0.85);
        assertThat(classification.techniques()).singleElement().satisfies(t -> {
            assertThat(t.techniqueId()).isEqualTo("T1496");
            assertThat(t.rationale()).isEqualTo("Bitcoin mining domain queried.");
        });
        assertThat(classification.tactics()).extracting(t -> t.name()).containsExactly("Impact", "TA9999");
        assertThat(classification.classifiedBy()).isEqualTo(ModelRouting.CLAUDE_35_HAIKU);
        assertThat(classification.classifiedAt()).isEqualTo(NOW);
    }

    @Test
    void parse_offlineOutput_roundTripsCategorySeverityAndTechniques() {
        Classification offline = TestClassifiers.offline().classify(finding());

        Classification parsed = ClassificationJson.parse(
                ClassificationJson.output(offline), "offline", NOW, AttackKnowledge.embedded());

        assertThat(parsed.category()).isEqualTo(offline.category());
        assertThat(parsed.severity()).isEqualTo(offline.severity());
        assertThat(parsed.techniques())
                .extracting(t -> t.techniqueId())
                .containsExactlyElementsOf(
                        offline.techniques().stream().map(t -> t.techniqueId()).toList());
        assertThat(parsed.tactics())
                .extracting(t -> t.tacticId())
                .containsExactlyElementsOf(
                        offline.tactics().stream().map(t -> t.tacticId()).toList());
    }

    @Test
    void parse_notAClassification_isRefused() {
        assertThatThrownBy(() -> ClassificationJson.parse(
                        JSON.readTree("{\"category\":\"NOPE\"}"), "m", NOW, AttackKnowledge.embedded()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a ThreatClassifier answer");
    }
}
