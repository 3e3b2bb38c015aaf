package ai.socagent.services.socapi.adapter.in.http;

import static org.assertj.core.api.Assertions.assertThat;

import ai.socagent.contextstore.records.AgentStatusRecords;
import ai.socagent.domain.agent.AgentName;
import ai.socagent.domain.agent.AgentStatus;
import ai.socagent.services.socapi.TestApiKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/** An analyst reads the agents' status, as the agent services reported it to the shared store. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class AgentApiTest {

    @Autowired
    private RestTestClient anonymous;

    @Autowired
    private AgentStatusRecords records;

    @Test
    void agents_listsTheFiveAgents_withEachInstancesReportAndState() {
        Instant now = Instant.now();
        String live = "live-" + UUID.randomUUID();
        String gone = "gone-" + UUID.randomUUID();
        records.publish(report(live, now.minusSeconds(60), now, 3));
        // stopped reporting 40 s ago, at 5 s intervals
        records.publish(report(gone, now.minusSeconds(120), now.minusSeconds(40), 0));
        RestTestClient analyst = analyst();

        List<Object> agents = list(analyst.get()
                .uri("/api/v1/agents")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(List.class)
                .returnResult()
                .getResponseBody());
        assertThat(agents)
                .extracting(agent -> map(agent).get("agent"))
                .containsExactly(
                        "ThreatClassifier",
                        "ThreatIntelligence",
                        "Investigation",
                        "RootCauseAnalysis",
                        "ResponseOrchestration");

        Map<String, Object> agent = map(analyst.get()
                .uri("/api/v1/agents/{agent}", "Investigation")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody());
        assertThat(agent).containsEntry("state", "up");
        List<Object> instances = list(agent.get("instances"));
        Map<String, Object> liveInstance = instance(instances, live);
        assertThat(liveInstance)
                .containsEntry("state", "up")
                .containsEntry("modelMode", "converse")
                .containsEntry("reportEveryMillis", 5000);
        assertThat(list(liveInstance.get("models")))
                .singleElement()
                .isEqualTo(Map.of(
                        "model", "model-a",
                        "inFlight", 3,
                        "limit", 16,
                        "waiting", 2,
                        "limiterWaits", 7,
                        "throttled", 1,
                        "overQuota", 0,
                        "breaker", "CLOSED"));
        Map<String, Object> queue = new java.util.HashMap<>();
        queue.put("queue", "investigation");
        queue.put("waiting", 4);
        queue.put("running", 3);
        queue.put("deadLetters", null);
        assertThat(list(liveInstance.get("queues"))).singleElement().isEqualTo(queue);
        assertThat(instance(instances, gone)).containsEntry("state", "down");
    }

    @Test
    void agent_unknownName_isANotFoundProblem() {
        analyst()
                .get()
                .uri("/api/v1/agents/{agent}", "Nobody")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:socagent:problem:agent-not-found")
                .jsonPath("$.agent")
                .isEqualTo("Nobody");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object json) {
        return (Map<String, Object>) json;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object json) {
        return (List<Object>) json;
    }

    private static Map<String, Object> instance(List<Object> instances, String id) {
        return instances.stream()
                .map(AgentApiTest::map)
                .filter(instance -> id.equals(instance.get("instanceId")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no instance " + id + " in " + instances));
    }

    private RestTestClient analyst() {
        Map<?, ?> created = TestApiKeys.asAdmin(anonymous)
                .post()
                .uri("/api/v1/api-keys")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", "status reader", "role", "analyst"))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        return anonymous
                .mutate()
                .defaultHeader("X-Api-Key", (String) created.get("key"))
                .build();
    }

    private static AgentStatus report(String instance, Instant started, Instant at, int inFlight) {
        return new AgentStatus(
                AgentName.INVESTIGATION,
                instance,
                started,
                at,
                Duration.ofSeconds(5),
                "converse",
                List.of(new AgentStatus.ModelCalls("model-a", inFlight, 16, 2, 7, 1, 0, Optional.of("CLOSED"))),
                List.of(new AgentStatus.QueueDeliveries(
                        "investigation", Optional.of(4L), Optional.of(3L), Optional.empty())));
    }
}
