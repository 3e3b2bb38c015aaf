package ai.socagent.services.socapi.adapter.in.http;

import static org.assertj.core.api.Assertions.assertThat;

import ai.socagent.services.socapi.TestApiKeys;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/** An admin creates, lists and revokes API keys; the key is shown once and works until revoked. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class ApiKeyApiTest {

    @Autowired
    private RestTestClient anonymous;

    @LocalServerPort
    private int port;

    @Test
    void createListRevoke_keyWorksUntilRevoked_andIsNeverListed() {
        RestTestClient admin = TestApiKeys.asAdmin(anonymous);
        Map<?, ?> created = admin.post()
                .uri("/api/v1/api-keys")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", "triage bot", "role", "analyst"))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(created).isNotNull();
        String key = (String) created.get("key");
        String keyId = (String) created.get("keyId");
        assertThat(key).startsWith("soc_").hasSizeGreaterThan(40);
        assertThat(created.get("role")).isEqualTo("analyst");

        RestTestClient analyst =
                anonymous.mutate().defaultHeader("X-Api-Key", key).build();
        analyst.get().uri("/api/v1/threats").exchange().expectStatus().isOk();
        analyst.get().uri("/api/v1/api-keys").exchange().expectStatus().isForbidden();

        String listed = admin.get()
                .uri("/api/v1/api-keys")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(listed).contains(keyId, "triage bot").doesNotContain(key).doesNotContain("keyHash");
        // the created key's Location names it
        String one = admin.get()
                .uri("/api/v1/api-keys/{id}", keyId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(one).contains(keyId, "triage bot").doesNotContain(key).doesNotContain("keyHash");
        admin.get()
                .uri("/api/v1/api-keys/{id}", "key_0000000000000000")
                .exchange()
                .expectStatus()
                .isNotFound();

        Map<?, ?> revoked = admin.post()
                .uri("/api/v1/api-keys/{id}/revoke", keyId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(revoked).isNotNull();
        assertThat(revoked.get("revokedAt")).isNotNull();
        analyst.get()
                .uri("/api/v1/threats")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void create_unknownRoleOrNoName_isAProblem() {
        RestTestClient admin = TestApiKeys.asAdmin(anonymous);
        admin.post()
                .uri("/api/v1/api-keys")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", "x", "role", "root"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody(Map.class)
                .value(problem -> assertThat(problem.get("type")).isEqualTo("urn:socagent:problem:invalid-parameter"));
        admin.post()
                .uri("/api/v1/api-keys")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("role", "admin"))
                .exchange()
                .expectStatus()
                .isBadRequest();
        admin.post()
                .uri("/api/v1/api-keys/{id}/revoke", "key_0000000000000000")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody(Map.class)
                .value(problem -> {
                    assertThat(problem.get("type")).isEqualTo("urn:socagent:problem:api-key-not-found");
                    assertThat(URI.create((String) problem.get("instance")))
                            .as("an absolute instance")
                            .hasScheme("http")
                            .hasPath("/api/v1/api-keys/key_0000000000000000/revoke");
                });
        admin.post()
                .uri("/api/v1/api-keys/{id}/revoke", "not-a-key-id")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody(Map.class)
                .value(problem -> assertThat(problem.get("type")).isEqualTo("urn:socagent:problem:invalid-parameter"));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(
            strings = {"", " leading space", "-dash first", "tab\tinside", "ünïcode"})
    void create_nameOutsideItsPattern_isAnInvalidParameter(String name) {
        TestApiKeys.asAdmin(anonymous)
                .post()
                .uri("/api/v1/api-keys")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", name, "role", "analyst"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody(Map.class)
                .value(problem -> assertThat(problem.get("type")).isEqualTo("urn:socagent:problem:invalid-parameter"));
    }

    @Test
    void create_nameNotAString_isAnInvalidParameter() {
        TestApiKeys.asAdmin(anonymous)
                .post()
                .uri("/api/v1/api-keys")
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"name\": false, \"role\": \"analyst\"}")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void create_nameOfTheDocumentedCharacters_isCreated() {
        TestApiKeys.asAdmin(anonymous)
                .post()
                .uri("/api/v1/api-keys")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", "ci-pipeline (prod) ops@example.org:8/x_y.z", "role", "responder"))
                .exchange()
                .expectStatus()
                .isCreated();
    }

    @Test
    void revoke_theCallersOwnKey_isAConflictAndTheKeyKeepsWorking() {
        RestTestClient admin = TestApiKeys.asAdmin(anonymous);
        Map<?, ?> created = admin.post()
                .uri("/api/v1/api-keys")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", "second admin", "role", "admin"))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(created).isNotNull();
        RestTestClient second = anonymous
                .mutate()
                .defaultHeader("X-Api-Key", (String) created.get("key"))
                .build();

        second.post()
                .uri("/api/v1/api-keys/{id}/revoke", created.get("keyId"))
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectBody(Map.class)
                .value(problem -> assertThat(problem.get("type")).isEqualTo("urn:socagent:problem:self-revocation"));
        second.get().uri("/api/v1/api-keys").exchange().expectStatus().isOk();
        // another admin may
        admin.post()
                .uri("/api/v1/api-keys/{id}/revoke", created.get("keyId"))
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void malformedMultipartContentType_isABadRequestProblemNotAServerError() {
        TestApiKeys.asAdmin(anonymous)
                .get()
                .uri("/api/v1/api-keys")
                .header("Content-Type", "multipart/form-data")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody(Map.class)
                .value(problem -> assertThat(problem.get("type")).isEqualTo("urn:socagent:problem:request-rejected"));
    }

    @Test
    void formerSubmissionPath_isAPermanentRedirectToThreats() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/findings"))
                                .header("X-Api-Key", TestApiKeys.ADMIN)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"title\": \"t\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(308);
        assertThat(response.headers().firstValue("Location")).contains("/api/v1/threats");
    }

    @Test
    void submit_isAcceptedWithTheThreatsLocation() {
        var result = TestApiKeys.asAdmin(anonymous)
                .post()
                .uri("/api/v1/threats")
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"title\": \"Beaconing from web-01\", \"severity\": \"HIGH\"}")
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody(Map.class)
                .returnResult();
        List<?> threats = (List<?>) result.getResponseBody().get("threats");
        String threatId = (String) ((Map<?, ?>) threats.getFirst()).get("threatId");
        assertThat(result.getResponseHeaders().getLocation()).hasToString("/api/v1/threats/" + threatId);
    }
}
