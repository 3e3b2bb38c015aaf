package ai.socagent.services.socapi.adapter.in.http.security;

import ai.socagent.services.socapi.application.port.in.AuthenticateApiKeyUseCase;
import ai.socagent.services.socapi.domain.ApiKey;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code X-Api-Key}: a valid key authenticates its holder with the key's role; an unknown or revoked
 * key is a 401 at once (whatever the endpoint: a client with a bad key wants to know). The key
 * itself is never logged nor kept: the principal is its key id.
 */
public final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    public static final String HEADER = "X-Api-Key";

    private final AuthenticateApiKeyUseCase apiKeys;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    public ApiKeyAuthenticationFilter(AuthenticateApiKeyUseCase apiKeys) {
        this.apiKeys = Objects.requireNonNull(apiKeys, "apiKeys");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String presented = request.getHeader(HEADER);
        if (presented == null) {
            chain.doFilter(request, response);
            return;
        }
        Optional<ApiKey> key = apiKeys.authenticate(presented.trim());
        if (key.isEmpty()) {
            SecurityProblems.unauthenticated(request, response, "The API key is unknown or revoked.");
            return;
        }
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(new CallerAuthentication(
                key.get().keyId(), RoleAuthorities.of(key.get().role())));
        contexts.setContext(context);
        chain.doFilter(request, response);
    }
}
