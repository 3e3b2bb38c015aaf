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

@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "soc.agent-status.report-every=200ms")
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

    @Autowired
    private ai.socagent.contextstore.records.AgentStatusRecords statusRecords;

    @Autowired
    private ai.socagent.services.threatclassifier.config.AgentStatusProperties statusProperties;

    @Test
    void status_isReportedEveryIntervalToTheContextStore_withTheModeAndBothQueues() {
        java.time.Instant started = java.time.Instant.now();

        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(statusRecords.latest(AgentName.THREAT_CLASSIFIER, 10))
                        .filteredOn(status -> status.instanceId().equals(statusProperties.instanceId()))
                        .singleElement()
                        .satisfies(status -> {
                            assertThat(status.reportedAt()).isAfter(started);
                            assertThat(status.reportEvery()).isEqualTo(java.time.Duration.ofMillis(200));
                            assertThat(status.modelMode()).isEqualTo("offline");
                            assertThat(status.queues())
                                    .extracting(ai.socagent.domain.agent.AgentStatus.QueueDeliveries::queue)
                                    .containsExactly("threat-classifier", "threat-classifier-priority");
                            assertThat(status.queues()).allSatisfy(queue -> {
                                assertThat(queue.waiting()).isPresent();
                                assertThat(queue.running()).isPresent();
                                assertThat(queue.deadLetters()).isPresent();
                            });
                        }));
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
