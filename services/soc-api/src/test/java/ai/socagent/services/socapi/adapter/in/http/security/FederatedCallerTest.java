package ai.socagent.services.socapi.adapter.in.http.security;

import static org.assertj.core.api.Assertions.assertThat;

import ai.socagent.services.socapi.TestApiKeys;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The aws mode (IAM callers through API Gateway) and an OIDC identity provider's JWTs, in one
 * context: without the gateway's secret nothing but the health probes answers; with it, the caller
 * ARN's role, a JWT's roles claim or an API key decide.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "soc.api.security.iam.gateway-secret=" + FederatedCallerTest.GATEWAY_SECRET,
            "soc.api.security.iam.roles.admin[0]=arn:aws:sts::111122223333:assumed-role/SocAdmin/*",
            "soc.api.security.iam.roles.analyst[0]=arn:aws:iam::111122223333:user/*",
            "soc.api.security.iam.roles.analyst[1]=arn:aws:sts::111122223333:assumed-role/SocAnalyst/*",
            "soc.api.security.jwt.roles-claim=soc_roles"
        })
class FederatedCallerTest {

    static final String GATEWAY_SECRET = "gateway-secret-0123456789";

    private static final RSAKey IDENTITY_PROVIDER = rsaKey();
    private static final RSAKey SOMEONE_ELSE = rsaKey();

    @TestConfiguration
    static class IdentityProvider {
        /** What jwk-set-uri / issuer-uri would give Spring Boot: a decoder for the provider's key. */
        @Bean
        JwtDecoder jwtDecoder() throws JOSEException {
            return NimbusJwtDecoder.withPublicKey(IDENTITY_PROVIDER.toRSAPublicKey())
                    .build();
        }
    }

    @LocalServerPort
    private int port;

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void withoutTheGatewaysSecret_everythingButHealthIsRefused() throws Exception {
        assertThat(get("/actuator/health", Map.of())).isEqualTo(200);
        assertThat(get("/api/v1/threats", Map.of("X-Api-Key", TestApiKeys.ADMIN)))
                .isEqualTo(401);
        assertThat(get("/api/v1/threats", Map.of("X-Soc-Caller-Arn", "arn:aws:iam::111122223333:user/alice")))
                .isEqualTo(401);
        assertThat(get(
                        "/api/v1/threats",
                        Map.of("X-Soc-Gateway-Secret", "wrong-secret-0123456789", "X-Api-Key", TestApiKeys.ADMIN)))
                .isEqualTo(401);
    }

    @Test
    void iamCaller_getsTheRoleOfItsArn() throws Exception {
        assertThat(get("/api/v1/threats", gateway("arn:aws:iam::111122223333:user/alice")))
                .isEqualTo(200);
        assertThat(get("/api/v1/api-keys", gateway("arn:aws:iam::111122223333:user/alice")))
                .isEqualTo(403);
        assertThat(get("/api/v1/api-keys", gateway("arn:aws:sts::111122223333:assumed-role/SocAdmin/bob")))
                .isEqualTo(200);
        assertThat(get("/api/v1/threats", gateway("arn:aws:sts::999999999999:assumed-role/SocAdmin/eve")))
                .as("an ARN no pattern matches")
                .isEqualTo(403);
        assertThat(get("/api/v1/threats", gateway(null))).as("no caller at all").isEqualTo(401);
    }

    @Test
    void jwt_getsTheRolesOfItsClaim() throws Exception {
        String analyst =
                token(IDENTITY_PROVIDER, "alice", "analyst", Instant.now().plusSeconds(300));
        String admin = token(IDENTITY_PROVIDER, "bob", "admin", Instant.now().plusSeconds(300));
        assertThat(get("/api/v1/threats", bearer(analyst))).isEqualTo(200);
        assertThat(get("/api/v1/api-keys", bearer(analyst))).isEqualTo(403);
        assertThat(get("/api/v1/api-keys", bearer(admin))).isEqualTo(200);
        assertThat(get(
                        "/api/v1/threats",
                        bearer(token(
                                SOMEONE_ELSE, "mallory", "admin", Instant.now().plusSeconds(300)))))
                .as("signed by another key")
                .isEqualTo(401);
        assertThat(get(
                        "/api/v1/threats",
                        bearer(token(
                                IDENTITY_PROVIDER,
                                "alice",
                                "admin",
                                Instant.now().minusSeconds(600)))))
                .as("expired")
                .isEqualTo(401);
        assertThat(get(
                        "/api/v1/threats",
                        bearer(token(
                                IDENTITY_PROVIDER, "carol", null, Instant.now().plusSeconds(300)))))
                .as("no roles")
                .isEqualTo(403);
    }

    @Test
    void apiKey_stillWorksBehindTheGateway() throws Exception {
        Map<String, String> headers = new LinkedHashMap<>(gateway(null));
        headers.put("X-Api-Key", TestApiKeys.ADMIN);
        assertThat(get("/api/v1/api-keys", headers)).isEqualTo(200);
    }

    private static Map<String, String> gateway(String arn) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Soc-Gateway-Secret", GATEWAY_SECRET);
        if (arn != null) {
            headers.put("X-Soc-Caller-Arn", arn);
        }
        return headers;
    }

    private static Map<String, String> bearer(String token) {
        Map<String, String> headers = gateway(null);
        headers.put("Authorization", "Bearer " + token);
        return headers;
    }

    private int get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        headers.forEach(request::header);
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        }
        return response.statusCode();
    }

    private static String token(RSAKey key, String subject, String roles, Instant expiry) throws JOSEException {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(subject)
                .issuer("https://idp.example")
                .issueTime(Date.from(expiry.minusSeconds(900)))
                .expirationTime(Date.from(expiry));
        if (roles != null) {
            claims.claim("soc_roles", java.util.List.of(roles));
        }
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims.build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static RSAKey rsaKey() {
        try {
            return new RSAKeyGenerator(2048)
                    .keyID(java.util.UUID.randomUUID().toString())
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
