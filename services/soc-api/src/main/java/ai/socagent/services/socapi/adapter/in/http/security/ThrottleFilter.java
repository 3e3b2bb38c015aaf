package ai.socagent.services.socapi.adapter.in.http.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Throttling per client, after authentication: a Bucket4j token bucket per caller (key id, JWT
 * subject, IAM ARN; the remote address when anonymous) refilled at {@code ratePerSecond} up to
 * {@code burst}; beyond it a 429 problem document with {@code Retry-After} in whole seconds. Buckets
 * live in this instance (a bounded Caffeine cache, idle clients forgotten after ten minutes): with n
 * instances behind a balancer a client gets up to n times the rate.
 */
public final class ThrottleFilter extends OncePerRequestFilter {

    private final long ratePerSecond;
    private final long burst;
    private final TimeMeter time;
    private final Cache<String, Bucket> buckets;

    public ThrottleFilter(long ratePerSecond, long burst, long maxClients) {
        this(ratePerSecond, burst, maxClients, TimeMeter.SYSTEM_NANOTIME);
    }

    /** With a clock of its own, for tests. */
    public ThrottleFilter(long ratePerSecond, long burst, long maxClients, TimeMeter time) {
        this.ratePerSecond = ratePerSecond;
        this.burst = burst;
        this.time = time;
        this.buckets = Caffeine.newBuilder()
                .maximumSize(maxClients)
                .expireAfterAccess(Duration.ofMinutes(10))
                .build();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ConsumptionProbe probe =
                buckets.get(client(request), any -> newBucket()).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            chain.doFilter(request, response);
            return;
        }
        long retryAfter = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
        SecurityProblems.tooManyRequests(request, response, retryAfter);
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(burst)
                        .refillGreedy(ratePerSecond, Duration.ofSeconds(1))
                        .build())
                .withCustomTimePrecision(time)
                .build();
    }

    private static String client(HttpServletRequest request) {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        if (caller != null && caller.isAuthenticated() && !(caller instanceof AnonymousAuthenticationToken)) {
            return "caller:" + caller.getName();
        }
        return "address:" + request.getRemoteAddr();
    }
}
