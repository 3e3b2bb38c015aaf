package ai.socagent.services.socapi.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Who may call the API ({@code soc.api.security.*}): API keys (always on), an OIDC/JWT resource
 * server (on when {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} or {@code jwk-set-uri}
 * is set) and, in the aws mode, the IAM caller API Gateway authenticated.
 *
 * @param apiKeys the API keys kept in the shared context store
 * @param jwt how a JWT names its roles
 * @param iam the aws mode: callers authenticated by API Gateway (AWS_IAM)
 * @param cors cross-origin access, none by default
 */
@Validated
@ConfigurationProperties("soc.api.security")
public record SocApiSecurityProperties(
        @Valid ApiKeys apiKeys,
        @Valid Jwt jwt,
        @Valid Iam iam,
        @Valid Cors cors) {

    public SocApiSecurityProperties {
        apiKeys = apiKeys == null ? new ApiKeys(null, null) : apiKeys;
        jwt = jwt == null ? new Jwt(null) : jwt;
        iam = iam == null ? new Iam(null, null) : iam;
        cors = cors == null ? new Cors(null) : cors;
    }

    /**
     * @param bootstrapKey an admin key to accept ({@code soc_} and 16+ characters of base64url; its
     *     hash is stored at start-up), for tests, benches and scripts; when unset, an admin key is created at first start and printed once
     * @param createAdminOnFirstStart whether a first start without any valid admin key creates one
     *     (and prints it once on stdout)
     */
    public record ApiKeys(
            @Pattern(regexp = "soc_[A-Za-z0-9_-]{16,252}") String bootstrapKey, Boolean createAdminOnFirstStart) {
        public ApiKeys {
            bootstrapKey = bootstrapKey == null || bootstrapKey.isBlank() ? null : bootstrapKey;
            createAdminOnFirstStart = createAdminOnFirstStart == null || createAdminOnFirstStart;
        }
    }

    /** @param rolesClaim the claim holding the caller's roles (a string or a list of strings) */
    public record Jwt(String rolesClaim) {
        public Jwt {
            rolesClaim = rolesClaim == null || rolesClaim.isBlank() ? "roles" : rolesClaim;
        }
    }

    /**
     * @param gatewaySecret the secret API Gateway adds as {@code X-Soc-Gateway-Secret}; when set, the
     *     aws mode is on and any other request (health probes excepted) is refused with a 401
     * @param roles role name ({@code analyst}, {@code responder}, {@code admin}) to the caller ARNs
     *     that have it; {@code *} matches any run of characters; the most privileged match wins
     */
    public record Iam(@Size(min = 16) String gatewaySecret, Map<String, List<String>> roles) {
        public Iam {
            gatewaySecret = gatewaySecret == null || gatewaySecret.isBlank() ? null : gatewaySecret;
            roles = roles == null ? Map.of() : Map.copyOf(roles);
        }
    }

    /** @param allowedOrigins origins allowed to call the API from a browser; none by default */
    public record Cors(List<String> allowedOrigins) {
        public Cors {
            allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
        }
    }
}
