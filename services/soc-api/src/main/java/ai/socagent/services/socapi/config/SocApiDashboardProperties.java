package ai.socagent.services.socapi.config;

import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The dashboard's sign-in ({@code soc.api.dashboard.*}): off unless {@code oidc.issuer} and {@code
 * oidc.client-id} are set; then the dashboard signs people in at that OpenID provider (authorization
 * code with PKCE, a public client) besides taking an API key.
 *
 * @param oidc the OpenID provider the dashboard signs people in with
 */
@Validated
@ConfigurationProperties("soc.api.dashboard")
public record SocApiDashboardProperties(@Valid Oidc oidc) {

    public SocApiDashboardProperties {
        oidc = oidc == null ? new Oidc(null, null, null, null) : oidc;
    }

    /**
     * @param issuer the provider's issuer URL (its discovery document is {@code
     *     <issuer>/.well-known/openid-configuration}, read by the browser); the same issuer as {@code
     *     spring.security.oauth2.resourceserver.jwt.issuer-uri}, which validates the access tokens
     * @param clientId the dashboard's client id at the provider: a public client (no secret) allowed
     *     the authorization code flow with PKCE and the redirect URI
     * @param scopes the scopes asked for; {@code openid} is always among them (default {@code openid})
     * @param redirectUri where the provider sends the browser back; default the dashboard page itself
     *     ({@code <origin>/})
     */
    public record Oidc(URI issuer, String clientId, List<String> scopes, URI redirectUri) {
        public Oidc {
            clientId = clientId == null || clientId.isBlank() ? null : clientId.strip();
            if ((issuer == null) != (clientId == null)) {
                throw new IllegalArgumentException(
                        "soc.api.dashboard.oidc: set both issuer and client-id (or neither, for API keys only)");
            }
            if (issuer != null && !absoluteHttp(issuer)) {
                throw new IllegalArgumentException(
                        "soc.api.dashboard.oidc.issuer must be an absolute http(s) URL: " + issuer);
            }
            if (redirectUri != null && !absoluteHttp(redirectUri)) {
                throw new IllegalArgumentException(
                        "soc.api.dashboard.oidc.redirect-uri must be an absolute http(s) URL: " + redirectUri);
            }
            List<String> asked = scopes == null
                    ? List.of()
                    : scopes.stream()
                            .map(String::strip)
                            .filter(s -> !s.isEmpty())
                            .toList();
            scopes = asked.contains("openid")
                    ? List.copyOf(asked)
                    : java.util.stream.Stream.concat(java.util.stream.Stream.of("openid"), asked.stream())
                            .toList();
        }

        /** Whether the dashboard offers OIDC sign-in. */
        public boolean enabled() {
            return issuer != null;
        }

        private static boolean absoluteHttp(URI uri) {
            return uri.isAbsolute()
                    && uri.getHost() != null
                    && ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()));
        }
    }
}
