package ai.socagent.services.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.socagent.eventbus.inprocess.InProcessEventBus;
import ai.socagent.ingestion.SampleFindings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The API's views are read from the shared context store: a restarted standalone shows every threat
 * it had, classified, including one that arrived as a raw GuardDuty event on the bus and never
 * passed through the API.
 */
class ReadModelRestartTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** soc.api.security.api-keys.bootstrap-key of the test configuration. */
    private static final String ADMIN_KEY = "soc_test-admin-key-0123456789abcdefghij";

    @TempDir
    Path data;

    private ConfigurableApplicationContext start() {
        // arguments, not default properties: they must win over application.yml and the test properties
        return new SpringApplicationBuilder(StandaloneApplication.class)
                .run(
                        "--server.port=0",
                        "--soc.api.security.api-keys.bootstrap-key=" + ADMIN_KEY,
                        "--soc.standalone.replay-samples=false",
                        "--soc.context-store.embedded.file=" + data.resolve("context-store"),
                        "--soc.event-bus.in-process.journal.directory=" + data.resolve("event-bus"),
                        "--soc.context-store.archive.local-directory=" + data.resolve("archive"),
                        "--soc.knowledge-base.embedded.directory=" + data.resolve("knowledge-base"));
    }

    @Test
    void restart_everyThreatIsStillListedAndClassified_alsoOneThatCameStraightFromAws() throws Exception {
        Set<String> threatIds;
        String fromAws;
        try (ConfigurableApplicationContext first = start()) {
            threatIds = List.of(
                            "plain/ec2-cryptominer-build-runner.json",
                            "guardduty/UnauthorizedAccess_EC2_TorClient.json",
                            "asff-event/batch-ec2-iam-s3.json")
                    .stream()
                    .flatMap(sample -> submit(first, sample).stream())
                    .collect(Collectors.toSet());
            ObjectNode event = (ObjectNode)
                    JSON.readTree(SampleFindings.read("guardduty-event/ec2-Backdoor_EC2_C_CActivity.B.json"));
            event.put("id", "5d0f6a44-94f7-4c43-9d1b-7c3a0f3c1e21");
            ((ObjectNode) event.get("detail")).put("id", "a11ce0000000000000000000000000b0");
            first.getBean(InProcessEventBus.class).publishEvent(JSON.writeValueAsString(event));
            await().atMost(Duration.ofSeconds(30)).until(() -> listed(first).size() == threatIds.size() + 1);
            fromAws = listed(first).stream()
                    .filter(summary -> summary.get("findingId") != null
                            && !threatIds.contains(String.valueOf(summary.get("threatId"))))
                    .map(summary -> String.valueOf(summary.get("threatId")))
                    .findFirst()
                    .orElseThrow();
            await().atMost(Duration.ofSeconds(30)).until(() -> allClassified(first, threatIds));
        }

        try (ConfigurableApplicationContext restarted = start()) {
            List<Map<?, ?>> listed = listed(restarted);
            assertThat(listed)
                    .extracting(summary -> String.valueOf(summary.get("threatId")))
                    .containsAll(threatIds)
                    .contains(fromAws)
                    .hasSize(threatIds.size() + 1);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> allClassified(restarted, Set.of(fromAws)) && allClassified(restarted, threatIds));
            Map<?, ?> aws = get(restarted, "/api/v1/threats/" + fromAws, Map.class);
            assertThat(((Map<?, ?>) aws.get("finding")).get("findingType")).isEqualTo("Backdoor:EC2/C&CActivity.B");
        }
    }

    private static List<String> submit(ConfigurableApplicationContext context, String sample) {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(uri(context, "/api/v1/threats"))
                            .header("Content-Type", "application/json")
                            .header("X-Api-Key", ADMIN_KEY)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(SampleFindings.read(sample)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(sample).isEqualTo(202);
            Map<?, ?> receipt = JSON.readValue(response.body(), Map.class);
            return ((List<?>) receipt.get("threats"))
                    .stream()
                            .map(threat -> String.valueOf(((Map<?, ?>) threat).get("threatId")))
                            .toList();
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean allClassified(ConfigurableApplicationContext context, Set<String> threatIds) {
        return threatIds.stream()
                .allMatch(id -> get(context, "/api/v1/threats/" + id, Map.class).get("classification") != null);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<?, ?>> listed(ConfigurableApplicationContext context) {
        return get(context, "/api/v1/threats?limit=500", List.class);
    }

    private static <T> T get(ConfigurableApplicationContext context, String path, Class<T> type) {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(uri(context, path))
                            .header("X-Api-Key", ADMIN_KEY)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            return JSON.readValue(response.body(), type);
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static URI uri(ConfigurableApplicationContext context, String path) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
