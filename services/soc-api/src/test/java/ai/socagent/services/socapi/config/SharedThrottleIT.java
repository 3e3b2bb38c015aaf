package ai.socagent.services.socapi.config;

import static org.assertj.core.api.Assertions.assertThat;

import ai.socagent.redis.config.FailFastRedisAutoConfiguration;
import ai.socagent.services.socapi.adapter.in.http.security.CallerAuthentication;
import ai.socagent.services.socapi.adapter.in.http.security.ThrottleFilter;
import ai.socagent.services.socapi.adapter.out.memory.InMemoryClientAllowances;
import ai.socagent.services.socapi.adapter.out.redis.RedisClientAllowances;
import ai.socagent.services.socapi.application.port.in.AdmitRequestUseCase;
import ai.socagent.services.socapi.application.port.out.ClientAllowancePort;
import ai.socagent.testsupport.backends.TestBackends;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Two soc-api instances (two Spring contexts, two throttle filters) over the real redis-server: with
 * {@code soc.api.throttle.shared=redis} a client's requests to both count against one bucket; with
 * the default each instance has its own.
 */
class SharedThrottleIT {

    /** 1 a second, 10 at once: in a test that takes well under 10 s, the burst is what counts. */
    private static final int BURST = 10;

    private static final int PER_INSTANCE = 15;

    private final String prefix = TestBackends.uniqueName("api-throttle-ctx") + ":";

    private ApplicationContextRunner runner(String shared) {
        return new ApplicationContextRunner()
                .withConfiguration(
                        AutoConfigurations.of(FailFastRedisAutoConfiguration.class, DataRedisAutoConfiguration.class))
                .withUserConfiguration(SocApiThrottleConfiguration.class)
                .withPropertyValues(
                        "spring.data.redis.url=" + TestBackends.redis().uri(),
                        "spring.data.redis.timeout=1s",
                        "soc.api.throttle.shared=" + shared,
                        "soc.api.throttle.key-prefix=" + prefix,
                        "soc.api.throttle.rate-per-second=1",
                        "soc.api.throttle.burst=" + BURST);
    }

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void sharedRedis_twoInstances_seeTooManyRequestsOnceTheCombinedCountPassesTheBurst() {
        ApplicationContextRunner runner = runner("redis");
        List<RedisClientAllowances> opened = new ArrayList<>();
        runner.run(first -> runner.run(second -> {
            assertThat(first).getBean(ClientAllowancePort.class).isInstanceOf(RedisClientAllowances.class);
            ThrottleFilter one = new ThrottleFilter(first.getBean(AdmitRequestUseCase.class));
            ThrottleFilter two = new ThrottleFilter(second.getBean(AdmitRequestUseCase.class));

            long started = System.nanoTime();
            List<Integer> fromOne = new ArrayList<>();
            List<Integer> fromTwo = new ArrayList<>();
            for (int i = 0; i < PER_INSTANCE; i++) {
                fromOne.add(call(one, "key_a").getStatus());
                fromTwo.add(call(two, "key_a").getStatus());
            }
            long elapsedSeconds = Math.ceilDiv(System.nanoTime() - started, 1_000_000_000L);

            long admitted = fromOne.stream().filter(status -> status == 200).count()
                    + fromTwo.stream().filter(status -> status == 200).count();
            // the burst, and at most what the rate refilled meanwhile; alone, each would admit 10 (20)
            assertThat(admitted).isBetween((long) BURST, BURST + elapsedSeconds);
            assertThat(fromOne).contains(429);
            assertThat(fromTwo).contains(429);
            assertThat(fromOne.getLast()).isEqualTo(429);
            assertThat(fromTwo.getLast()).isEqualTo(429);
            MockHttpServletResponse refused = call(one, "key_a");
            assertThat(refused.getStatus()).isEqualTo(429);
            assertThat(refused.getHeader("Retry-After")).isEqualTo("1");

            assertThat(call(two, "key_b").getStatus()).as("another client").isEqualTo(200);
            assertThat(call(one, "key_b").getStatus()).as("another client").isEqualTo(200);

            opened.add(first.getBean(RedisClientAllowances.class));
            opened.add(second.getBean(RedisClientAllowances.class));
            assertThat(opened).allMatch(RedisClientAllowances::connected);
        }));
        // the contexts closed their connections (the client was theirs too)
        assertThat(opened).noneMatch(RedisClientAllowances::connected);
    }

    @Test
    void defaultMemory_eachInstanceHasItsOwnBuckets() {
        ApplicationContextRunner runner = runner("memory");
        runner.run(first -> runner.run(second -> {
            assertThat(first).getBean(ClientAllowancePort.class).isInstanceOf(InMemoryClientAllowances.class);
            ThrottleFilter one = new ThrottleFilter(first.getBean(AdmitRequestUseCase.class));
            ThrottleFilter two = new ThrottleFilter(second.getBean(AdmitRequestUseCase.class));
            long admitted = 0;
            for (int i = 0; i < PER_INSTANCE; i++) {
                admitted += call(one, "key_a").getStatus() == 200 ? 1 : 0;
                admitted += call(two, "key_a").getStatus() == 200 ? 1 : 0;
            }
            assertThat(admitted).isGreaterThanOrEqualTo(2L * BURST);
        }));
    }

    @Test
    void unsetShared_isMemory() {
        new ApplicationContextRunner()
                .withUserConfiguration(SocApiThrottleConfiguration.class)
                .run(context -> {
                    assertThat(context).getBean(ClientAllowancePort.class).isInstanceOf(InMemoryClientAllowances.class);
                    assertThat(context.getBean(SocApiThrottleProperties.class).ratePerSecond())
                            .isEqualTo(500);
                    assertThat(context.getBean(SocApiThrottleProperties.class).burst())
                            .isEqualTo(1000);
                });
    }

    private static MockHttpServletResponse call(ThrottleFilter filter, String keyId) {
        SecurityContextHolder.getContext().setAuthentication(new CallerAuthentication(keyId, List.of()));
        try {
            MockHttpServletResponse response = new MockHttpServletResponse();
            filter.doFilter(new MockHttpServletRequest("GET", "/api/v1/threats"), response, new MockFilterChain());
            return response;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
