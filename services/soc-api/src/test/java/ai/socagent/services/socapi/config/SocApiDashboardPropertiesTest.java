package ai.socagent.services.socapi.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** soc.api.dashboard.oidc.*: off unless complete, refused when malformed; the CSP it makes. */
class SocApiDashboardPropertiesTest {

    @Test
    void unset_isOff_andTheCspConnectsToThisOriginOnly() {
        SocApiDashboardProperties.Oidc oidc = new SocApiDashboardProperties(null).oidc();
        assertThat(oidc.enabled()).isFalse();
        assertThat(SocApiSecurityConfiguration.contentSecurityPolicy(oidc)).contains("connect-src 'self';");
    }

    @Test
    void issuerAndClientId_goTogether() {
        assertThatThrownBy(() -> new SocApiDashboardProperties.Oidc(URI.create("https://idp.example"), " ", null, null))
                .hasMessageContaining("both issuer and client-id");
        assertThatThrownBy(() -> new SocApiDashboardProperties.Oidc(null, "soc-dashboard", null, null))
                .hasMessageContaining("both issuer and client-id");
    }

    @Test
    void issuerAndRedirect_areAbsoluteHttpUrls() {
        assertThatThrownBy(() -> new SocApiDashboardProperties.Oidc(URI.create("/realms/soc"), "c", null, null))
                .hasMessageContaining("issuer must be an absolute http(s) URL");
        assertThatThrownBy(() -> new SocApiDashboardProperties.Oidc(URI.create("ftp://idp.example"), "c", null, null))
                .hasMessageContaining("issuer must be an absolute http(s) URL");
        assertThatThrownBy(() -> new SocApiDashboardProperties.Oidc(
                        URI.create("https://idp.example"), "c", null, URI.create("javascript:alert(1)")))
                .hasMessageContaining("redirect-uri must be an absolute http(s) URL");
    }

    @Test
    void openid_isAlwaysAmongTheScopes() {
        URI issuer = URI.create("https://idp.example");
        assertThat(new SocApiDashboardProperties.Oidc(issuer, "c", null, null).scopes())
                .containsExactly("openid");
        assertThat(new SocApiDashboardProperties.Oidc(issuer, "c", List.of("profile", " email "), null).scopes())
                .containsExactly("openid", "profile", "email");
        assertThat(new SocApiDashboardProperties.Oidc(issuer, "c", List.of("profile", "openid"), null).scopes())
                .containsExactly("profile", "openid");
    }

    @Test
    void theCsp_connectsToTheIssuersOrigin_only() {
        var oidc = new SocApiDashboardProperties.Oidc(
                URI.create("https://IdP.example:8443/realms/soc?x=1"), "soc-dashboard", null, null);
        assertThat(SocApiSecurityConfiguration.contentSecurityPolicy(oidc))
                .contains("connect-src 'self' https://idp.example:8443;", "script-src 'self';")
                .doesNotContain("/realms");
        var defaultPort = new SocApiDashboardProperties.Oidc(URI.create("https://idp.example/"), "c", null, null);
        assertThat(SocApiSecurityConfiguration.contentSecurityPolicy(defaultPort))
                .contains("connect-src 'self' https://idp.example;");
    }
}
