package ai.socagent.services.socapi.adapter.in.http.security;

import ai.socagent.services.socapi.application.port.in.AdmitRequestUseCase;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Throttling per client, after authentication: each request takes a token of its caller's bucket
 * (key id, JWT subject, IAM ARN; the remote address when anonymous); beyond it a 429 problem document
 * with {@code Retry-After} in whole seconds. Where the buckets live (this instance, or Redis for the
 * whole fleet) is the use case's business.
 */
public final class ThrottleFilter extends OncePerRequestFilter {

    private final AdmitRequestUseCase admissions;

    public ThrottleFilter(AdmitRequestUseCase admissions) {
        this.admissions = Objects.requireNonNull(admissions, "admissions");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        AdmitRequestUseCase.Admission admission = admissions.admit(client(request));
        if (admission.admitted()) {
            chain.doFilter(request, response);
            return;
        }
        SecurityProblems.tooManyRequests(request, response, admission.retryAfterSeconds());
    }

    /** Who calls: {@code caller:<name>} when authenticated, else {@code address:<remote address>}. */
    static String client(HttpServletRequest request) {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        if (caller != null && caller.isAuthenticated() && !(caller instanceof AnonymousAuthenticationToken)) {
            return "caller:" + caller.getName();
        }
        return "address:" + request.getRemoteAddr();
    }
}
