package ai.socagent.services.socapi.adapter.in.http;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the dashboard page needs to know before anyone signs in: whether, and at which OpenID
 * provider, it offers OIDC sign-in. Public, like the page itself; it holds no secret (the dashboard
 * is a public client).
 */
@RestController
@Tag(name = "dashboard", description = "The dashboard's sign-in settings (public)")
public class DashboardController {

    /** The path of the settings. */
    public static final String PATH = "/api/v1/dashboard/config";

    private final DashboardSettings settings;

    public DashboardController(DashboardSettings settings) {
        this.settings = settings;
    }

    /**
     * The dashboard's settings.
     *
     * @param oidc the OpenID provider to sign in with; null when the dashboard takes API keys only
     */
    public record DashboardSettings(
            @Schema(nullable = true, description = "null: API keys only")
            Oidc oidc) {}

    /**
     * An OpenID provider the dashboard signs in with: authorization code flow with PKCE (S256).
     *
     * @param issuer the issuer; its discovery document is {@code <issuer>/.well-known/openid-configuration}
     * @param clientId the dashboard's (public) client id
     * @param scopes the scopes to ask for, {@code openid} among them
     * @param redirectUri where the provider sends the browser back; null: the dashboard page itself
     */
    @Schema(name = "DashboardOidc")
    public record Oidc(
            URI issuer,
            String clientId,
            List<String> scopes,

            @Schema(nullable = true, description = "null: the dashboard page itself")
            URI redirectUri) {}

    @Operation(
            operationId = "dashboardSettings",
            summary = "The dashboard's sign-in settings",
            description = "Public. oidc is null unless soc.api.dashboard.oidc.issuer and client-id are set.")
    @SecurityRequirements
    @GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    public DashboardSettings settings() {
        return settings;
    }
}
