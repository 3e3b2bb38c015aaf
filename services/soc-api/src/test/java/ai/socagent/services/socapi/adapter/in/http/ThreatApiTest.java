package ai.socagent.services.socapi.adapter.in.http;

import static org.assertj.core.api.Assertions.assertThat;

import ai.socagent.ingestion.SampleFindings;
import ai.socagent.services.socapi.TestApiKeys;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/** The submission edge over real HTTP: every format, and every kind of bad input. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class ThreatApiTest {

    private RestTestClient http;

    @org.springframework.boot.test.web.server.LocalServerPort
    private int port;

    @Autowired
    void client(RestTestClient client) {
        this.http = TestApiKeys.asAdmin(client);
    }

    @ParameterizedTest
    @ValueSource(strings = {"guardduty/", "guardduty-event/", "asff/", "asff-event/", "ocsf/", "plain/"})
    void submitFinding_sampleOfEachFormat_isAcceptedAndReadableBack(String folder) {
        String sample = SampleFindings.paths().stream()
                .filter(path -> path.startsWith(folder))
                .findFirst()
                .orElseThrow();

        Map<?, ?> receipt = http.post()
                .uri("/api/v1/threats")
                .contentType(MediaType.APPLICATION_JSON)
                .body(SampleFindings.read(sample))
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();

        assertThat(receipt).isNotNull();
        assertThat((Integer) receipt.get("accepted")).isPositive();
        List<?> threats = (List<?>) receipt.get("threats");
        String threatId = (String) ((Map<?, ?>) threats.getFirst()).get("threatId");
        Map<?, ?> detail = http.get()
                .uri("/api/v1/threats/{id}", threatId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(detail).isNotNull();
        Map<?, ?> finding = (Map<?, ?>) detail.get("finding");
        assertThat(finding.get("format")).isEqualTo(receipt.get("format"));
        assertThat((String) finding.get("rawPayload")).isNotBlank();
    }

    @Test
    void submitFinding_brokenRules_isAProblemListingEachViolation() {
        Map<?, ?> problem = postExpectingProblem("""
                {"title": "", "severity": "SEVERE", "indicators": [{"type": "IPV4", "value": "999.1.1.1"}]}
                """, 400);

        assertThat(problem.get("type")).isEqualTo("urn:socagent:problem:invalid-finding");
        assertThat(violationFields(problem, "path")).contains("$.severity", "$.indicators[0].value");
    }

    @Test
    void submitFinding_unknownFormat_isRejectedNotGuessed() {
        Map<?, ?> problem = postExpectingProblem("{\"hello\": \"world\"}", 400);

        assertThat(violationFields(problem, "rule")).containsExactly("format.unknown");
    }

    @Test
    void submitFinding_malformedJson_isRejected() {
        Map<?, ?> problem = postExpectingProblem("{\"title\": ", 400);

        assertThat(violationFields(problem, "rule")).containsExactly("json.malformed");
    }

    @Test
    void submitFinding_overTheSizeLimit_isAPayloadTooLargeProblem() {
        String huge = "{\"title\": \"big\", \"description\": \"" + "x".repeat(300 * 1024) + "\"}";

        Map<?, ?> problem = postExpectingProblem(huge, 413);

        assertThat(problem.get("type")).isEqualTo("urn:socagent:problem:payload-too-large");
    }

    @Test
    void submitFinding_notJson_isUnsupportedMediaType() {
        http.post()
                .uri("/api/v1/threats")
                .contentType(MediaType.TEXT_PLAIN)
                .body("title=hello")
                .exchange()
                .expectStatus()
                .isEqualTo(415)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void threat_unknownId_isANotFoundProblem() {
        Map<?, ?> problem = http.get()
                .uri("/api/v1/threats/{id}", "00000000-0000-0000-0000-000000000000")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();

        assertThat(problem.get("type")).isEqualTo("urn:socagent:problem:threat-not-found");
    }

    @Test
    void recentThreats_aQueryParameterWithoutAName_isABadRequestProblemNotAServerError() throws Exception {
        // sent as it is (a client library would drop the nameless parameter): Tomcat refuses it when read
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                                        "http://127.0.0.1:" + port + "/api/v1/threats?limit=1&=null"))
                                .header("X-Api-Key", ai.socagent.services.socapi.TestApiKeys.ADMIN)
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("urn:socagent:problem:request-rejected");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"limit=0", "limit=501", "limit=null", "limit=null&limit=null", "limit=1.5", "limit=", "limit=-1"
            })
    void recentThreats_limitOutOfRangeOrNoNumber_isABadRequestProblem(String query) {
        http.get()
                .uri("/api/v1/threats?" + query)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void recentThreats_afterASubmission_listsItFirst() {
        http.post()
                .uri("/api/v1/threats")
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"title\": \"listed first\", \"severity\": \"MEDIUM\"}")
                .exchange()
                .expectStatus()
                .isAccepted();

        List<?> threats = http.get()
                .uri("/api/v1/threats?limit=5")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(List.class)
                .returnResult()
                .getResponseBody();

        assertThat(threats).isNotEmpty();
        assertThat(((Map<?, ?>) threats.getFirst()).get("title")).isEqualTo("listed first");
    }

    private static List<Object> violationFields(Map<?, ?> problem, String field) {
        return ((List<?>) problem.get("violations"))
                .stream()
                        .map(violation -> ((Map<?, ?>) violation).get(field))
                        .map(Object.class::cast)
                        .toList();
    }

    private Map<?, ?> postExpectingProblem(String body, int status) {
        Map<?, ?> problem = http.post()
                .uri("/api/v1/threats")
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .exchange()
                .expectStatus()
                .isEqualTo(status)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(problem).isNotNull();
        assertThat(problem.get("status")).isEqualTo(status);
        return problem;
    }
}
