package ai.socagent.services.socapi.adapter.in.http.security;

import static org.assertj.core.api.Assertions.assertThat;

import ai.socagent.services.socapi.application.ApiKeyService;
import ai.socagent.services.socapi.domain.Role;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every endpoint of the API, enumerated from Spring MVC's request mappings (so a new endpoint cannot
 * be forgotten: it fails here until it is given its role below), refuses missing, invalid and
 * revoked credentials with a 401 problem document, and a role too low with a 403.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndpointSecurityTest {

    /** The endpoints anyone may call ("METHOD pattern"), like the dashboard page. */
    private static final java.util.Set<String> PUBLIC = java.util.Set.of("GET /api/v1/dashboard/config");

    /** The least role of each endpoint ("METHOD pattern") that is not public. */
    private static final Map<String, Role> LEAST_ROLE = new TreeMap<>(Map.ofEntries(
            Map.entry("POST /api/v1/threats", Role.ANALYST),
            Map.entry("POST /api/v1/findings", Role.ANALYST),
            Map.entry("GET /api/v1/threats", Role.ANALYST),
            Map.entry("GET /api/v1/threats/{threatId}", Role.ANALYST),
            Map.entry("GET /api/v1/agents", Role.ANALYST),
            Map.entry("GET /api/v1/agents/{agent}", Role.ANALYST),
            Map.entry("GET /api/v1/threats/updates", Role.ANALYST),
            Map.entry("POST /api/v1/api-keys", Role.ADMIN),
            Map.entry("GET /api/v1/api-keys", Role.ADMIN),
            Map.entry("GET /api/v1/api-keys/{keyId}", Role.ADMIN),
            Map.entry("POST /api/v1/api-keys/{keyId}/revoke", Role.ADMIN),
            Map.entry("GET /v3/api-docs", Role.ANALYST),
            Map.entry("GET /v3/api-docs.yaml", Role.ANALYST),
            Map.entry("GET /v3/api-docs/swagger-config", Role.ANALYST),
            Map.entry("GET /v3/api-docs/{group}", Role.ANALYST),
            Map.entry("GET /v3/api-docs.yaml/{group}", Role.ANALYST),
            // Spring Boot's error controller: nobody's endpoint, so admin (deny by default)
            Map.entry("GET /error", Role.ADMIN),
            Map.entry("POST /error", Role.ADMIN)));

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    private int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    @Autowired
    private ApiKeyService apiKeys;

    private final HttpClient client = HttpClient.newHttpClient();
    private String analystKey;
    private String revokedKey;

    @BeforeAll
    void keys() {
        analystKey = apiKeys.create("endpoint test analyst", Role.ANALYST).secret();
        var revoked = apiKeys.create("endpoint test revoked", Role.ADMIN);
        apiKeys.revoke(revoked.key().keyId());
        revokedKey = revoked.secret();
    }

    @Test
    void everyEndpoint_hasADeclaredRole_andRefusesWhoMayNotCallIt() throws Exception {
        List<String> endpoints = endpoints();
        assertThat(endpoints).as("the API's endpoints").contains("POST /api/v1/threats", "GET /api/v1/api-keys");
        assertThat(endpoints)
                .as("every endpoint needs its least role in LEAST_ROLE, or to be PUBLIC (a new one too)")
                .allSatisfy(endpoint -> assertThat(LEAST_ROLE.containsKey(endpoint) ^ PUBLIC.contains(endpoint))
                        .as(endpoint)
                        .isTrue());
        assertThat(endpoints).as("every PUBLIC endpoint exists").containsAll(PUBLIC);

        for (String endpoint : endpoints) {
            String method = endpoint.substring(0, endpoint.indexOf(' '));
            String path = endpoint.substring(endpoint.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "x");
            if (PUBLIC.contains(endpoint)) {
                assertThat(call(method, path, null).statusCode())
                        .as(endpoint + " without credentials")
                        .isEqualTo(200);
                continue;
            }
            Role least = LEAST_ROLE.get(endpoint);

            assertProblem(
                    call(method, path, null),
                    401,
                    "urn:socagent:problem:unauthenticated",
                    endpoint + " without credentials");
            assertProblem(
                    call(method, path, "soc_not-a-key-of-anyone-0000000000000000"),
                    401,
                    "urn:socagent:problem:unauthenticated",
                    endpoint + " with an invalid key");
            assertProblem(
                    call(method, path, revokedKey),
                    401,
                    "urn:socagent:problem:unauthenticated",
                    endpoint + " with a revoked key");
            if (least == Role.ADMIN) {
                assertProblem(
                        call(method, path, analystKey),
                        403,
                        "urn:socagent:problem:forbidden",
                        endpoint + " as an analyst");
            } else {
                assertThat(call(method, path, analystKey).statusCode())
                        .as(endpoint + " as an analyst")
                        .isNotIn(401, 403);
            }
        }
    }

    @Test
    void publicPaths_needNoCredentials() throws Exception {
        assertThat(call("GET", "/actuator/health", null).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/actuator/health/liveness", null).statusCode()).isEqualTo(200);
        HttpResponse<String> page = call("GET", "/", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(call("GET", "/app.js", null).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/oidc.js", null).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/live.js", null).statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp)
                        .contains(
                                "default-src 'none'",
                                "script-src 'self'",
                                "connect-src 'self';",
                                "frame-ancestors 'none'"));
        assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        // plain HTTP: HSTS is for TLS only
        assertThat(page.headers().firstValue("Strict-Transport-Security")).isEmpty();
    }

    @Test
    void actuatorBeyondHealth_needsCredentials() throws Exception {
        assertProblem(call("GET", "/actuator/metrics", null), 401, "urn:socagent:problem:unauthenticated", "metrics");
        assertProblem(call("GET", "/actuator/metrics", analystKey), 403, "urn:socagent:problem:forbidden", "metrics");
        assertThat(call("GET", "/actuator/info", analystKey).statusCode()).isEqualTo(200);
    }

    @Test
    void cors_isClosedByDefault() throws Exception {
        HttpResponse<String> preflight = client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/threats"))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", "https://evil.example")
                        .header("Access-Control-Request-Method", "GET")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                .isEmpty();
        HttpResponse<String> read = client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/threats"))
                        .header("Origin", "https://evil.example")
                        .header("X-Api-Key", analystKey)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(read.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void firewallRefusals_areProblemDocuments() throws Exception {
        HttpResponse<String> encoded = call("GET", "/api/v1/threats/%3Bx", analystKey);
        assertProblem(encoded, 400, "urn:socagent:problem:request-rejected", "an encoded semicolon");
        HttpResponse<String> method = client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/threats"))
                        .method("QUERY", HttpRequest.BodyPublishers.noBody())
                        .header("X-Api-Key", analystKey)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertProblem(method, 405, "urn:socagent:problem:request-rejected", "an unknown method");
        // RFC 9110: a 405 lists what the resource takes
        assertThat(method.headers().firstValue("Allow")).hasValue("GET, HEAD, OPTIONS, POST");
        HttpResponse<String> revoke = client.send(
                HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/api/v1/api-keys/key_0000000000000000/revoke"))
                        .method("QUERY", HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(revoke.statusCode()).isEqualTo(405);
        assertThat(revoke.headers().firstValue("Allow")).hasValue("OPTIONS, POST");
    }

    private List<String> endpoints() {
        List<String> endpoints = new ArrayList<>();
        mappings.getHandlerMethods().keySet().forEach(info -> {
            var methods = info.getMethodsCondition().getMethods();
            List<RequestMethod> each =
                    methods.isEmpty() ? List.of(RequestMethod.GET, RequestMethod.POST) : List.copyOf(methods);
            for (String pattern : info.getPatternValues()) {
                for (RequestMethod method : each) {
                    endpoints.add(method.name() + " " + pattern);
                }
            }
        });
        return endpoints.stream().distinct().sorted().toList();
    }

    private HttpResponse<String> call(String method, String path, String apiKey)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(
                        method,
                        method.equals("GET")
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString("{}"))
                .header("Content-Type", "application/json");
        if (apiKey != null) {
            request.header("X-Api-Key", apiKey);
        }
        return client.send(request.build(), EndpointSecurityTest::bodyUnlessStream);
    }

    /** The body as text; a stream that stays open (the updates' event stream) is hung up on at once. */
    private static HttpResponse.BodySubscriber<String> bodyUnlessStream(HttpResponse.ResponseInfo info) {
        boolean stream = info.headers()
                .firstValue("Content-Type")
                .filter(type -> type.startsWith("text/event-stream"))
                .isPresent();
        if (!stream) {
            return HttpResponse.BodySubscribers.ofString(java.nio.charset.StandardCharsets.UTF_8);
        }
        return new HttpResponse.BodySubscriber<>() {
            @Override
            public java.util.concurrent.CompletionStage<String> getBody() {
                return java.util.concurrent.CompletableFuture.completedStage("");
            }

            @Override
            public void onSubscribe(java.util.concurrent.Flow.Subscription subscription) {
                subscription.cancel();
            }

            @Override
            public void onNext(List<java.nio.ByteBuffer> item) {}

            @Override
            public void onError(Throwable throwable) {}

            @Override
            public void onComplete() {}
        };
    }

    private static void assertProblem(HttpResponse<String> response, int status, String type, String what) {
        assertThat(response.statusCode()).as(what).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .as(what)
                .hasValueSatisfying(contentType -> assertThat(contentType).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("type").asString()).as(what).isEqualTo(type);
        assertThat(problem.path("status").asInt()).as(what).isEqualTo(status);
        assertThat(problem.path("title").asString()).as(what).isNotBlank();
        assertThat(problem.path("detail").asString()).as(what).isNotBlank();
        assertThat(URI.create(problem.path("instance").asString()).isAbsolute())
                .as(what + ": absolute instance")
                .isTrue();
        if (status == 401) {
            assertThat(response.headers().firstValue("WWW-Authenticate"))
                    .as(what)
                    .isPresent();
        }
    }
}
