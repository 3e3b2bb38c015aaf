package ai.socagent.services.socapi.adapter.in.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.socagent.domain.Severity;
import ai.socagent.domain.classification.Classification;
import ai.socagent.domain.classification.ThreatCategory;
import ai.socagent.domain.event.ThreatClassificationComplete;
import ai.socagent.domain.investigation.Investigation;
import ai.socagent.eventbus.EventPublisher;
import ai.socagent.services.socapi.TestApiKeys;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The live update stream over real HTTP: what the dashboard reads with fetch. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"soc.api.updates.heartbeat=200ms", "soc.api.updates.max-followers=2"})
class ThreatUpdatesStreamTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @LocalServerPort
    private int port;

    @Autowired
    private ThreatUpdatesController controller;

    @Autowired
    private EventPublisher bus;

    private final HttpClient client = HttpClient.newHttpClient();
    private final List<Stream<String>> opened = new ArrayList<>();

    @AfterEach
    void closeStreams() {
        opened.forEach(Stream::close);
        // the server notices a gone client at its next write (a heartbeat at most 200 ms away)
        await().atMost(PATIENCE).until(() -> controller.followerCount() == 0);
    }

    @Test
    void classification_isAnnouncedOnTheStream_afterItsEntryIsFiled() throws Exception {
        List<String> lines = follow();
        String threatId = submit("Stream test beacon");
        JsonNode threat = detail(threatId);
        String investigationId = Investigation.idForThreat(threatId);
        // what the ThreatClassifier publishes once it is done (this context runs soc-api alone)
        var classified = ThreatClassificationComplete.of(
                threat.path("correlationId").asString(),
                Instant.now(),
                threatId,
                investigationId,
                new Classification(
                        ThreatCategory.BACKDOOR, Severity.HIGH, 0.7, List.of(), List.of(), "test", Instant.now()));
        bus.publishInCurrentTrace(List.of(classified));

        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(updates(lines))
                        .as("updates in %s", lines)
                        .anySatisfy(update -> {
                            assertThat(update.path("eventId").asString()).isEqualTo(classified.eventId());
                            assertThat(update.path("detailType").asString())
                                    .isEqualTo("Threat Classification Complete");
                            assertThat(update.path("threatId").asString()).isEqualTo(threatId);
                            assertThat(update.path("investigationId").asString())
                                    .isEqualTo(investigationId);
                            assertThat(update.path("summary").asString()).startsWith("Classified HIGH BACKDOOR");
                        }));
        // what the update announces is readable at once: the entry was filed before it went out
        assertThat(detail(threatId).path("activity").findValuesAsString("eventId"))
                .contains(classified.eventId());
        // a comment after 200 ms of silence
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(lines).contains(":heartbeat"));
        assertThat(lines).contains("event:threat-update", "id:" + classified.eventId());
    }

    private JsonNode detail(String threatId) throws Exception {
        HttpResponse<String> detail =
                client.send(authorized("/api/v1/threats/" + threatId).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(detail.statusCode()).isEqualTo(200);
        return JSON.readTree(detail.body());
    }

    @Test
    void followersBeyondTheLimit_get503WithRetryAfter_untilOneLeaves() throws Exception {
        follow();
        follow();

        HttpResponse<String> refused =
                client.send(authorized("/api/v1/threats/updates").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).contains("5");
        assertThat(refused.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(JSON.readTree(refused.body()).path("type").asString())
                .isEqualTo("urn:socagent:problem:too-many-followers");

        opened.removeFirst().close();
        await().atMost(PATIENCE).until(() -> controller.followerCount() == 1);
        follow();
        assertThat(controller.followerCount()).isEqualTo(2);
    }

    /** Opens a stream as an analyst would (admin key here); its lines land in the returned list. */
    private List<String> follow() throws Exception {
        HttpResponse<Stream<String>> response = client.send(
                authorized("/api/v1/threats/updates")
                        .header("Accept", "text/event-stream")
                        .build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        List<String> lines = new CopyOnWriteArrayList<>();
        Stream<String> body = response.body();
        opened.add(body);
        CompletableFuture.runAsync(() -> {
            try {
                body.forEach(lines::add);
            } catch (RuntimeException closed) {
                // closed by the test
            }
        });
        return lines;
    }

    private String submit(String title) throws Exception {
        tools.jackson.databind.node.ObjectNode threat = JSON.createObjectNode()
                .put("title", title)
                .put("description", "Beaconing to a known C2 host from a build runner")
                .put("source", "EDR")
                .put("severity", "HIGH")
                .put("findingType", "Backdoor/C2Beacon");
        threat.putArray("resources").addObject().put("type", "EC2_INSTANCE").put("id", "i-0123456789abcdef0");
        HttpResponse<String> receipt = client.send(
                authorized("/api/v1/threats")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(threat.toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(receipt.statusCode()).as(receipt.body()).isEqualTo(202);
        return JSON.readTree(receipt.body())
                .path("threats")
                .path(0)
                .path("threatId")
                .asString();
    }

    private static List<JsonNode> updates(List<String> lines) {
        List<JsonNode> updates = new ArrayList<>();
        for (int i = 0; i + 2 < lines.size(); i++) {
            if (lines.get(i).equals("event:threat-update") && lines.get(i + 2).startsWith("data:")) {
                updates.add(JSON.readTree(lines.get(i + 2).substring("data:".length())));
            }
        }
        return updates;
    }

    private HttpRequest.Builder authorized(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("X-Api-Key", TestApiKeys.ADMIN);
    }
}
