package ai.socagent.services.socapi.adapter.in.http.security;

import ai.socagent.services.socapi.domain.Role;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The aws mode: API Gateway authenticates the caller (AWS_IAM) and passes, through its request
 * mapping, {@code X-Soc-Gateway-Secret} (a shared secret, so a request that went around the gateway
 * is refused with a 401) and {@code X-Soc-Caller-Arn} ({@code $context.identity.userArn}), which
 * configuration maps to a role. An ARN no pattern matches is authenticated without a role: a 403.
 * Public paths (health probes, which the load balancer calls directly) need no secret.
 */
public final class GatewayIamAuthenticationFilter extends OncePerRequestFilter {

    public static final String SECRET_HEADER = "X-Soc-Gateway-Secret";
    public static final String CALLER_ARN_HEADER = "X-Soc-Caller-Arn";

    private final byte[] secret;
    private final Map<Role, List<Pattern>> arnPatterns;
    private final RequestMatcher publicPaths;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    /**
     * @param roles role to ARN patterns ({@code *} matches any run of characters)
     */
    public GatewayIamAuthenticationFilter(String secret, Map<Role, List<String>> roles, RequestMatcher publicPaths) {
        this.secret = Objects.requireNonNull(secret, "secret").getBytes(StandardCharsets.UTF_8);
        this.publicPaths = Objects.requireNonNull(publicPaths, "publicPaths");
        Map<Role, List<Pattern>> patterns = new LinkedHashMap<>();
        roles.entrySet().stream()
                .sorted(Map.Entry.<Role, List<String>>comparingByKey(Comparator.reverseOrder()))
                .forEach(entry -> patterns.put(
                        entry.getKey(),
                        entry.getValue().stream()
                                .map(GatewayIamAuthenticationFilter::glob)
                                .toList()));
        this.arnPatterns = patterns;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (publicPaths.matches(request)) {
            chain.doFilter(request, response);
            return;
        }
        String presented = request.getHeader(SECRET_HEADER);
        if (presented == null || !MessageDigest.isEqual(secret, presented.getBytes(StandardCharsets.UTF_8))) {
            SecurityProblems.unauthenticated(
                    request, response, "Requests reach this service through its API Gateway only.");
            return;
        }
        String arn = request.getHeader(CALLER_ARN_HEADER);
        if (arn != null && !arn.isBlank()) {
            SecurityContext context = contexts.createEmptyContext();
            context.setAuthentication(new CallerAuthentication(
                    arn, RoleAuthorities.of(roleOf(arn).stream().toList())));
            contexts.setContext(context);
        }
        chain.doFilter(request, response);
    }

    /** The most privileged role one of whose patterns matches the ARN. */
    Optional<Role> roleOf(String arn) {
        for (Map.Entry<Role, List<Pattern>> entry : arnPatterns.entrySet()) {
            if (entry.getValue().stream()
                    .anyMatch(pattern -> pattern.matcher(arn).matches())) {
                return Optional.of(entry.getKey());
            }
        }
        return Optional.empty();
    }

    private static Pattern glob(String pattern) {
        List<String> parts = new ArrayList<>();
        for (String literal : pattern.split("\\*", -1)) {
            parts.add(Pattern.quote(literal));
        }
        return Pattern.compile(String.join(".*", parts));
    }
}
