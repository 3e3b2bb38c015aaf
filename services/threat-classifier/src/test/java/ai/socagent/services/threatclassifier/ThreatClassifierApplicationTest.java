package ai.socagent.services.threatclassifier;

import static org.assertj.core.api.Assertions.assertThat;

import ai.socagent.agentruntime.model.ModelRequest;
import ai.socagent.agentruntime.model.OutputPolicy;
import ai.socagent.domain.Severity;
import ai.socagent.domain.agent.AgentName;
import ai.socagent.knowledgebase.KnowledgeBase;
import ai.socagent.knowledgebase.adapter.out.lucene.LuceneKnowledgeBase;
import ai.socagent.knowledgebase.attack.AttackKnowledge;
import ai.socagent.services.threatclassifier.application.ClassificationJson;
import ai.socagent.services.threatclassifier.application.port.out.TechniqueCandidate;
import ai.socagent.services.threatclassifier.application.port.out.TechniqueSearchPort;
import ai.socagent.testsupport.services.AgentServiceContract;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class ThreatClassifierApplicationTest extends AgentServiceContract {

    @Autowired
    private TechniqueSearchPort techniqueSearch;

    @Autowired
    private KnowledgeBase knowledgeBase;

    @Autowired
    private OutputPolicy outputPolicy;

    ThreatClassifierApplicationTest() {
        super("ThreatClassifier", "Threat Classification Complete");
    }

    @Test
    void techniqueSearch_onceTheServiceIsUp_ranksOnTheEmbeddedKnowledgeBaseWithAttackLoaded() {
        assertThat(knowledgeBase).isInstanceOf(LuceneKnowledgeBase.class);
        assertThat(knowledgeBase.attackVersion())
                .hasValue(AttackKnowledge.embedded().version());

        assertThat(techniqueSearch.search("mimikatz dumped credentials from LSASS process memory", 3))
                .extracting(TechniqueCandidate::techniqueId)
                .first()
                .isEqualTo("T1003.001");
    }

    @Test
    void outputPolicy_ofTheAgentRuntime_carriesTheClassifiersSeverityFloorForItsRequestsOnly() {
        JsonMapper json = JsonMapper.builder().build();
        var lowered = json.createObjectNode().put("severity", "LOW");

        assertThat(outputPolicy.violations(request(AgentName.THREAT_CLASSIFIER), lowered))
                .singleElement()
                .asString()
                .contains("may not lower");
        assertThat(outputPolicy.violations(request(AgentName.INVESTIGATION), lowered))
                .isEmpty();
    }

    private static ModelRequest request(AgentName agent) {
        return new ModelRequest(
                agent,
                "inv-1",
                JsonMapper.builder().build().createObjectNode(),
                ClassificationJson.schema(),
                Severity.HIGH);
    }
}
