package ai.socagent.services.socapi.adapter.in.http.security;

import static org.assertj.core.api.Assertions.assertThat;

import ai.socagent.services.socapi.adapter.out.memory.InMemoryClientAllowances;
import ai.socagent.services.socapi.application.RequestThrottleService;
import io.github.bucket4j.TimeMeter;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * A client driven past its burst sees 429s only above the limit; another client is unaffected (the
 * in-memory buckets; the shared ones: RedisClientAllowancesIT and SharedThrottleIT).
 */
class ThrottleFilterTest {

    private final AtomicLong nanos = new AtomicLong();
    private final TimeMeter clock = new TimeMeter() {
        @Override
        public long currentTimeNanos() {
            return nanos.get();
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    };

    /** The defaults: 500/s, burst 1,000. */
    private final ThrottleFilter throttle = filter(500, 1000);

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void doFilter_clientPastItsBurst_getsTooManyRequestsOnlyAboveTheLimit() throws Exception {
        for (int i = 0; i < 1000; i++) {
            assertThat(call("key_a").getStatus()).as("request " + (i + 1)).isEqualTo(200);
        }
        MockHttpServletResponse over = call("key_a");
        assertThat(over.getStatus()).isEqualTo(429);
        assertThat(over.getHeader("Retry-After")).isEqualTo("1");
        assertThat(over.getContentType()).startsWith("application/problem+json");
        assertThat(over.getContentAsString()).contains("urn:socagent:problem:too-many-requests", "\"status\":429");

        assertThat(call("key_b").getStatus()).as("another client").isEqualTo(200);

        // 10 ms at 500/s: 5 more requests, not 6
        nanos.addAndGet(10_000_000L);
        List<Integer> statuses = java.util.stream.IntStream.range(0, 6)
                .mapToObj(i -> call("key_a").getStatus())
                .toList();
        assertThat(statuses).containsExactly(200, 200, 200, 200, 200, 429);
    }

    @Test
    void doFilter_anonymous_isKeyedByRemoteAddress() throws Exception {
        ThrottleFilter small = filter(1, 2);
        assertThat(anonymous(small, "10.0.0.1").getStatus()).isEqualTo(200);
        assertThat(anonymous(small, "10.0.0.1").getStatus()).isEqualTo(200);
        assertThat(anonymous(small, "10.0.0.1").getStatus()).isEqualTo(429);
        assertThat(anonymous(small, "10.0.0.2").getStatus()).isEqualTo(200);
    }

    /** The filter over the in-memory buckets (the default, standalone) with this test's clock. */
    private ThrottleFilter filter(long ratePerSecond, long burst) {
        return new ThrottleFilter(
                new RequestThrottleService(new InMemoryClientAllowances(ratePerSecond, burst, 1000, clock)));
    }

    private MockHttpServletResponse call(String keyId) {
        SecurityContextHolder.getContext().setAuthentication(new CallerAuthentication(keyId, List.of()));
        try {
            MockHttpServletResponse response = new MockHttpServletResponse();
            throttle.doFilter(new MockHttpServletRequest("GET", "/api/v1/threats"), response, new MockFilterChain());
            return response;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private static MockHttpServletResponse anonymous(ThrottleFilter filter, String address) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/actuator/health");
        request.setRemoteAddr(address);
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        return response;
    }
}
