package ai.socagent.services.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.socagent.ingestion.SampleFindings;
import ai.socagent.services.standalone.adapter.in.samples.SampleFindingReplay;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.servlet.client.RestTestClient;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.services.s3.S3Client;

/** The standalone mode boots the fleet in one JVM and replays the bundled samples through the API's use case. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class StandaloneApplicationTest {

    private RestTestClient http;

    @Autowired
    void client(RestTestClient client) {
        // soc.api.security.api-keys.bootstrap-key of the test configuration
        this.http = client.mutate()
                .defaultHeader("X-Api-Key", "soc_test-admin-key-0123456789abcdefghij")
                .build();
    }

    @Autowired
    private SampleFindingReplay replay;

    @Autowired
    private ApplicationContext context;

    /** The embedded default needs no AWS: not one SDK client, nothing that could ask for a region or credentials. */
    @Test
    void standalone_hasNoAwsClient() {
        assertThat(context.getBeanNamesForType(SdkClient.class)).isEmpty();
        assertThat(context.getBeanNamesForType(S3Client.class)).isEmpty();
    }

    @Test
    void startUp_replaysEverySampleWithoutRejection() {
        SampleFindingReplay.ReplaySummary summary = replay.lastReplay();

        assertThat(summary.files()).isEqualTo(SampleFindings.paths().size());
        assertThat(summary.rejected()).isEmpty();
        assertThat(summary.threatsByFormat())
                .containsKeys(
                        "GUARDDUTY", "GUARDDUTY_EVENT", "ASFF", "ASFF_EVENT", "OCSF_DETECTION_FINDING", "PLAIN_THREAT");
    }

    @Test
    void threatsApi_afterStartUp_listsTheReplayedThreats() {
        List<?> threats = http.get()
                .uri("/api/v1/threats?limit=500")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(List.class)
                .returnResult()
                .getResponseBody();

        assertThat(threats).hasSizeGreaterThanOrEqualTo(74);
        assertThat(threats)
                .allSatisfy(threat ->
                        assertThat(((Map<?, ?>) threat).get("threatId")).isNotNull());
    }

    @Test
    void replayedThreats_flowThroughTheThreatClassifierOnTheInProcessBus() {
        List<?> threats = http.get()
                .uri("/api/v1/threats?limit=500")
                .exchange()
                .expectBody(List.class)
                .returnResult()
                .getResponseBody();
        assertThat(threats).isNotEmpty();

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(threats).allSatisfy(summary -> {
                    Map<?, ?> detail = http.get()
                            .uri("/api/v1/threats/{id}", ((Map<?, ?>) summary).get("threatId"))
                            .exchange()
                            .expectStatus()
                            .isOk()
                            .expectBody(Map.class)
                            .returnResult()
                            .getResponseBody();
                    assertThat(detail).isNotNull();
                    Map<?, ?> classification = (Map<?, ?>) detail.get("classification");
                    assertThat(classification)
                            .as("classification of %s", summary)
                            .isNotNull();
                    assertThat((List<?>) classification.get("techniques")).isNotEmpty();
                    assertThat(((List<?>) detail.get("activity"))
                                    .stream().map(a -> String.valueOf(((Map<?, ?>) a).get("detailType"))))
                            .contains("Threat Classification Complete");
                }));
    }

    /** One JVM, embedded store: the classifier reports its status there and the API reads it back. */
    @Test
    void agentsApi_showsTheClassifierUpWithItsInProcessQueues() {
        tools.jackson.databind.json.JsonMapper json =
                tools.jackson.databind.json.JsonMapper.builder().build();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            tools.jackson.databind.JsonNode agent = json.readTree(http.get()
                    .uri("/api/v1/agents/ThreatClassifier")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody());
            assertThat(agent.path("state").asString()).as("%s", agent).isEqualTo("up");
            tools.jackson.databind.JsonNode instance = agent.path("instances").path(0);
            assertThat(instance.path("modelMode").asString()).isEqualTo("offline");
            assertThat(instance.path("queues").path(0).path("queue").asString()).isEqualTo("threat-classifier");
            assertThat(instance.path("queues").path(1).path("queue").asString())
                    .isEqualTo("threat-classifier-priority");
            assertThat(instance.path("queues").path(0).path("waiting").isNumber())
                    .isTrue();
        });
        assertThat(json.readTree(http.get()
                                .uri("/api/v1/agents")
                                .exchange()
                                .expectStatus()
                                .isOk()
                                .expectBody(String.class)
                                .returnResult()
                                .getResponseBody())
                        .size())
                .isEqualTo(5);
    }

    @Test
    void dashboardAndHealth_areServed() {
        String page = http.get()
                .uri("/")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(page).contains("SOC agent service").contains("/app.js");
        String script = http.get()
                .uri("/app.js")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(script).contains("/api/v1/threats", "/api/v1/agents", "X-Api-Key");

        String health = http.get()
                .uri("/actuator/health")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(health).contains("\"status\":\"UP\"");
    }
}
