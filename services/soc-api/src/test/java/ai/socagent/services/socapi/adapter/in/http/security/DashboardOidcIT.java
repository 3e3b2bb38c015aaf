package ai.socagent.services.socapi.adapter.in.http.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * soc-api against a real OpenID provider running in the test (NAV's mock-oauth2-server: discovery,
 * JWKS, signed tokens): the resource server finds the provider through {@code issuer-uri}, takes its
 * access tokens with the role of the configured claim, refuses another issuer's, and the dashboard's
 * public settings name the provider, which the Content-Security-Policy lets the page reach.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "soc.api.security.jwt.roles-claim=soc_roles",
            "soc.api.dashboard.oidc.client-id=soc-dashboard",
            "soc.api.dashboard.oidc.scopes=profile,email"
        })
class DashboardOidcIT {

    private static final String ISSUER_ID = "soc";
    private static final MockOAuth2Server PROVIDER = started();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void provider(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", DashboardOidcIT::issuer);
        registry.add("soc.api.dashboard.oidc.issuer", DashboardOidcIT::issuer);
    }

    @AfterAll
    static void stop() {
        PROVIDER.shutdown();
    }

    @LocalServerPort
    private int port;

    private final HttpClient client = HttpClient.newHttpClient();

    /**
     * The resource server reads the provider's discovery document on first use, within Nimbus's 500 ms
     * read timeout; on a loaded machine that first read can time out (a 500, and the next request reads
     * it again): wait until it has read it, so that each test sees the resource server in service.
     */
    @BeforeEach
    void resourceServerHasReadTheProvider() {
        String token = PROVIDER.issueToken(ISSUER_ID, "probe", "soc-dashboard", Map.of("soc_roles", "analyst"))
                .serialize();
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> get("/api/v1/threats", token).statusCode() == 200);
    }

    @Test
    void dashboardSettings_namePublicly_theProviderTheClientAndTheScopes() throws Exception {
        HttpResponse<String> response = get("/api/v1/dashboard/config", null);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode oidc = JSON.readTree(response.body()).path("oidc");
        assertThat(oidc.path("issuer").asString()).isEqualTo(issuer());
        assertThat(oidc.path("clientId").asString()).isEqualTo("soc-dashboard");
        assertThat(oidc.path("scopes").values().stream().map(JsonNode::asString))
                .containsExactly("openid", "profile", "email");
        assertThat(oidc.path("redirectUri").isNull()).as("the page itself").isTrue();
    }

    @Test
    void contentSecurityPolicy_letsThePageReachTheProvider_andNothingElse() throws Exception {
        URI issuer = URI.create(issuer());
        String origin = "http://" + issuer.getHost() + ":" + issuer.getPort();
        assertThat(get("/", null).headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp)
                        .contains("connect-src 'self' " + origin + ";", "script-src 'self';", "default-src 'none'"));
    }

    @Test
    void providersToken_isAccepted_withTheRoleOfItsClaim() throws Exception {
        String analyst = PROVIDER.issueToken(
                        ISSUER_ID, "alice", "soc-dashboard", Map.of("soc_roles", List.of("analyst")))
                .serialize();
        String admin = PROVIDER.issueToken(ISSUER_ID, "bob", "soc-dashboard", Map.of("soc_roles", "admin"))
                .serialize();
        assertThat(get("/api/v1/threats", analyst).statusCode()).isEqualTo(200);
        assertProblem(get("/api/v1/api-keys", analyst), 403, "urn:socagent:problem:forbidden");
        assertThat(get("/api/v1/api-keys", admin).statusCode()).isEqualTo(200);
        String none = PROVIDER.issueToken(ISSUER_ID, "carol", "soc-dashboard", Map.of())
                .serialize();
        assertProblem(get("/api/v1/threats", none), 403, "urn:socagent:problem:forbidden");
    }

    @Test
    void anotherIssuersToken_orAnExpiredOne_isRefused() throws Exception {
        // the same server under another issuer id: another issuer, other keys
        String foreign = PROVIDER.issueToken("elsewhere", "mallory", "soc-dashboard", Map.of("soc_roles", "admin"))
                .serialize();
        assertProblem(get("/api/v1/threats", foreign), 401, "urn:socagent:problem:unauthenticated");
        String expired = PROVIDER.issueToken(ISSUER_ID, "alice", "soc-dashboard", Map.of("soc_roles", "analyst"), -600)
                .serialize();
        assertProblem(get("/api/v1/threats", expired), 401, "urn:socagent:problem:unauthenticated");
    }

    private HttpResponse<String> get(String path, String bearer) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertProblem(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(contentType -> assertThat(contentType).startsWith("application/problem+json"));
        assertThat(JSON.readTree(response.body()).path("type").asString()).isEqualTo(type);
    }

    private static String issuer() {
        return PROVIDER.issuerUrl(ISSUER_ID).toString();
    }

    private static MockOAuth2Server started() {
        MockOAuth2Server server = new MockOAuth2Server();
        try {
            server.start(InetAddress.getByName("127.0.0.1"), 0);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
        // each issuer's signing key is made on first use, and the server's first answers are slow:
        // all of that before the resource server asks, which waits 500 ms (Nimbus's default timeouts)
        HttpClient http = HttpClient.newHttpClient();
        for (String issuer : List.of(ISSUER_ID, "elsewhere")) {
            server.issueToken(issuer, "warm-up");
            for (String path : List.of("/.well-known/openid-configuration", "/jwks")) {
                try {
                    http.send(
                            HttpRequest.newBuilder(URI.create(server.issuerUrl(issuer) + path))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
        return server;
    }
}
