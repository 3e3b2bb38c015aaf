package ai.socagent.services.socapi.config;

import ai.socagent.services.socapi.adapter.in.http.DashboardController;
import ai.socagent.services.socapi.adapter.in.http.security.AllowedMethods;
import ai.socagent.services.socapi.adapter.in.http.security.ApiKeyAuthenticationFilter;
import ai.socagent.services.socapi.adapter.in.http.security.GatewayIamAuthenticationFilter;
import ai.socagent.services.socapi.adapter.in.http.security.ProblemAccessDeniedHandler;
import ai.socagent.services.socapi.adapter.in.http.security.ProblemAuthenticationEntryPoint;
import ai.socagent.services.socapi.adapter.in.http.security.RoleAuthorities;
import ai.socagent.services.socapi.adapter.in.http.security.SecurityProblems;
import ai.socagent.services.socapi.adapter.in.http.security.ThrottleFilter;
import ai.socagent.services.socapi.application.port.in.AdmitRequestUseCase;
import ai.socagent.services.socapi.application.port.in.AuthenticateApiKeyUseCase;
import ai.socagent.services.socapi.domain.Role;
import jakarta.servlet.DispatcherType;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The guard rails of the API (issue #11). Nothing is anonymous but the health probes and the static
 * dashboard page (which asks for a key); every other path needs a role, and a path nobody gave a rule
 * needs admin (deny by default: EndpointSecurityTest names the role of every endpoint).
 *
 * <p>Callers authenticate with {@code X-Api-Key}, a JWT bearer token (when a JwtDecoder exists:
 * Spring Boot makes one from {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} or {@code
 * jwk-set-uri}) or, in the aws mode ({@code soc.api.security.iam.gateway-secret}), as the IAM caller
 * API Gateway vouches for. Then the throttle, keyed by who the caller is (its buckets: {@link
 * SocApiThrottleConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@Import(SocApiThrottleConfiguration.class)
@EnableConfigurationProperties({
    SocApiSecurityProperties.class,
    SocApiThrottleProperties.class,
    SocApiDashboardProperties.class
})
public class SocApiSecurityConfiguration {

    /**
     * Paths anyone may call: the health probes, the dashboard's static page and assets, and its sign-in
     * settings.
     */
    public static final List<String> PUBLIC_PATHS = List.of(
            "/actuator/health",
            "/actuator/health/**",
            "/",
            "/index.html",
            "/app.js",
            "/oidc.js",
            "/live.js",
            "/app.css",
            "/favicon.ico",
            DashboardController.PATH);

    /**
     * The Content-Security-Policy of every answer. {@code connect-src} is this origin, plus the OpenID
     * provider's when the dashboard signs in there (its discovery document and token endpoint are
     * fetched by the page); nothing else may be fetched, and no inline script runs.
     */
    static String contentSecurityPolicy(SocApiDashboardProperties.Oidc oidc) {
        String connect = oidc.enabled() ? "'self' " + origin(oidc.issuer()) : "'self'";
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src " + connect
                + "; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    }

    private static String origin(java.net.URI uri) {
        String scheme = uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        int port = uri.getPort();
        return scheme + "://" + uri.getHost().toLowerCase(java.util.Locale.ROOT) + (port == -1 ? "" : ":" + port);
    }

    @Bean
    RoleHierarchy socApiRoleHierarchy() {
        return RoleHierarchyImpl.withDefaultRolePrefix()
                .role(Role.ADMIN.name())
                .implies(Role.RESPONDER.name())
                .role(Role.RESPONDER.name())
                .implies(Role.ANALYST.name())
                .build();
    }

    /** The firewall's refusals as problem documents too (Spring Security picks this bean up). */
    @Bean
    RequestRejectedHandler socApiRequestRejectedHandler(
            @Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> mappings) {
        return (request, response, rejected) ->
                SecurityProblems.rejected(request, response, new AllowedMethods(mappings.getObject()));
    }

    @Bean
    SecurityFilterChain socApiSecurityFilterChain(
            HttpSecurity http,
            AuthenticateApiKeyUseCase apiKeys,
            SocApiSecurityProperties security,
            SocApiThrottleProperties throttle,
            SocApiDashboardProperties dashboard,
            AdmitRequestUseCase admissions,
            ObjectProvider<JwtDecoder> jwtDecoder)
            throws Exception {
        JwtDecoder decoder = jwtDecoder.getIfAvailable();
        if (dashboard.oidc().enabled() && decoder == null) {
            throw new IllegalStateException("soc.api.dashboard.oidc.issuer is set, but the API accepts no bearer token:"
                    + " set spring.security.oauth2.resourceserver.jwt.issuer-uri (the same issuer) too");
        }
        ProblemAuthenticationEntryPoint unauthenticated = new ProblemAuthenticationEntryPoint();
        RequestMatcher publicPaths = new OrRequestMatcher(PUBLIC_PATHS.stream()
                .map(path -> (RequestMatcher) PathPatternRequestMatcher.pathPattern(path))
                .toList());
        String analyst = Role.ANALYST.name();
        String admin = Role.ADMIN.name();
        http.authorizeHttpRequests(requests -> requests
                        // error dispatches render the problem of a request already authorised; async
                        // dispatches (the update stream's) continue one that was
                        .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD, DispatcherType.ASYNC)
                        .permitAll()
                        .requestMatchers(publicPaths)
                        .permitAll()
                        .requestMatchers("/api/v1/api-keys", "/api/v1/api-keys/**")
                        .hasRole(admin)
                        .requestMatchers(HttpMethod.GET, "/api/v1/threats", "/api/v1/threats/**")
                        .hasRole(analyst)
                        .requestMatchers(HttpMethod.GET, "/api/v1/agents", "/api/v1/agents/**")
                        .hasRole(analyst)
                        .requestMatchers(HttpMethod.POST, "/api/v1/threats", "/api/v1/findings")
                        .hasRole(analyst)
                        .requestMatchers(
                                HttpMethod.GET,
                                "/v3/api-docs",
                                "/v3/api-docs/**",
                                "/v3/api-docs.yaml",
                                "/v3/api-docs.yaml/**",
                                "/actuator/info")
                        .hasRole(analyst)
                        .anyRequest()
                        .hasRole(admin))
                // Stateless token authentication: no session, no cookie, nothing a browser sends on
                // its own. Without ambient credentials a cross-site request cannot act as the user,
                // so there is nothing for CSRF tokens to protect.
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .headers(headers -> headers.contentSecurityPolicy(
                                csp -> csp.policyDirectives(contentSecurityPolicy(dashboard.oidc())))
                        .frameOptions(frame -> frame.deny())
                        .referrerPolicy(
                                referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                        // HSTS: Spring Security writes it on secure (TLS) requests only
                        .httpStrictTransportSecurity(hsts -> hsts.includeSubDomains(true)))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(new ProblemAccessDeniedHandler()));
        List<String> origins = security.cors().allowedOrigins();
        if (origins.isEmpty()) {
            http.cors(AbstractHttpConfigurer::disable);
        } else {
            CorsConfiguration cors = new CorsConfiguration();
            cors.setAllowedOrigins(origins);
            cors.setAllowedMethods(List.of("GET", "POST"));
            cors.setAllowedHeaders(List.of(ApiKeyAuthenticationFilter.HEADER, "Authorization", "Content-Type"));
            cors.setExposedHeaders(List.of("Location", "Retry-After"));
            UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
            source.registerCorsConfiguration("/**", cors);
            http.cors(configurer -> configurer.configurationSource(source));
        }
        if (decoder != null) {
            String claim = security.jwt().rolesClaim();
            http.oauth2ResourceServer(resourceServer -> resourceServer
                    .authenticationEntryPoint(unauthenticated)
                    .accessDeniedHandler(new ProblemAccessDeniedHandler())
                    .jwt(jwt ->
                            jwt.decoder(decoder).jwtAuthenticationConverter(token -> jwtAuthentication(token, claim))));
        }
        if (security.iam().gatewaySecret() != null) {
            http.addFilterBefore(
                    new GatewayIamAuthenticationFilter(
                            security.iam().gatewaySecret(),
                            iamRoles(security.iam().roles()),
                            publicPaths),
                    BearerTokenAuthenticationFilter.class);
        }
        http.addFilterBefore(new ApiKeyAuthenticationFilter(apiKeys), BearerTokenAuthenticationFilter.class);
        if (throttle.enabled()) {
            http.addFilterBefore(new ThrottleFilter(admissions), AuthorizationFilter.class);
        }
        return http.build();
    }

    /** The roles a JWT's claim names (a string, space- or comma-separated, or a list); unknown names are ignored. */
    static JwtAuthenticationToken jwtAuthentication(Jwt jwt, String rolesClaim) {
        Object claim = jwt.getClaims().get(rolesClaim);
        List<String> names = switch (claim) {
            case null -> List.of();
            case String text -> List.of(text.split("[\\s,]+"));
            case Collection<?> values -> values.stream().map(String::valueOf).toList();
            default -> List.of();
        };
        List<GrantedAuthority> authorities = RoleAuthorities.of(names.stream()
                .map(Role::parse)
                .flatMap(java.util.Optional::stream)
                .toList());
        return new JwtAuthenticationToken(jwt, authorities, jwt.getSubject());
    }

    private static Map<Role, List<String>> iamRoles(Map<String, List<String>> configured) {
        Map<Role, List<String>> roles = new LinkedHashMap<>();
        configured.forEach((name, patterns) -> roles.put(
                Role.parse(name)
                        .orElseThrow(() -> new IllegalArgumentException("soc.api.security.iam.roles: unknown role '"
                                + name + "' (analyst, responder or admin)")),
                List.copyOf(patterns)));
        return roles;
    }
}
