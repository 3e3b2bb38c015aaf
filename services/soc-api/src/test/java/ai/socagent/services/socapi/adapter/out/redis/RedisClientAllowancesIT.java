package ai.socagent.services.socapi.adapter.out.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.socagent.redis.config.FailFastRedisAutoConfiguration;
import ai.socagent.services.socapi.adapter.out.memory.InMemoryClientAllowances;
import ai.socagent.services.socapi.application.port.out.ClientAllowancePort.Consumption;
import ai.socagent.testsupport.backends.TestBackends;
import ai.socagent.testsupport.faults.StallingProxy;
import io.github.bucket4j.TimeMeter;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/** The clients' buckets shared by two instances through the real redis-server, and what happens when Redis fails. */
class RedisClientAllowancesIT {

    /** 5 a second (one every 200 ms), 10 at once. */
    private static final long RATE = 5;

    private static final long BURST = 10;

    private final List<AutoCloseable> closeables = new ArrayList<>();
    /** The instances' shared clock (the fleet's clocks are NTP-synchronised), moved by the test. */
    private final AtomicLong nanos = new AtomicLong(TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis()));

    private final TimeMeter clock = new TimeMeter() {
        @Override
        public long currentTimeNanos() {
            return nanos.get();
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    };

    private String prefix;
    private RedisClient probeClient;
    private StatefulRedisConnection<String, String> probe;

    @BeforeEach
    void connect() {
        prefix = TestBackends.uniqueName("api-throttle") + ":";
        probeClient = RedisClient.create(TestBackends.redis().uri().toString());
        probe = probeClient.connect();
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : closeables.reversed()) {
            closeable.close();
        }
        probe.close();
        probeClient.shutdown();
    }

    /** An instance's buckets over a fail-fast connection factory of its own: each plays a separate process. */
    private RedisClientAllowances instance(
            String uri, SimpleMeterRegistry meters, Duration commandTimeout, Duration retry) {
        LettuceConnectionFactory factory =
                FailFastRedisAutoConfiguration.failFastConnectionFactory(uri, commandTimeout);
        closeables.add(factory::destroy);
        RedisClientAllowances allowances = RedisClientAllowances.over(
                factory,
                new InMemoryClientAllowances(RATE, BURST, 1_000, clock),
                new RedisClientAllowances.Settings(RATE, BURST, prefix, retry),
                meters,
                Optional.of(clock));
        closeables.add(allowances);
        return allowances;
    }

    private RedisClientAllowances instance(SimpleMeterRegistry meters) {
        return instance(TestBackends.redis().uri().toString(), meters, Duration.ofSeconds(1), Duration.ofSeconds(5));
    }

    private static double fallbacks(SimpleMeterRegistry meters, String reason) {
        return meters.get("soc.api.throttle.fallbacks")
                .tag("reason", reason)
                .counter()
                .count();
    }

    @Test
    void twoInstances_takeFromOneBucketPerClient_anotherClientUnaffected() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        RedisClientAllowances first = instance(meters);
        RedisClientAllowances second = instance(meters);

        for (int i = 0; i < BURST / 2; i++) {
            assertThat(first.tryTake("caller:key_a").taken())
                    .as("first, request " + i)
                    .isTrue();
            assertThat(second.tryTake("caller:key_a").taken())
                    .as("second, request " + i)
                    .isTrue();
        }
        // alone, each would have had 5 more
        assertThat(first.tryTake("caller:key_a")).isEqualTo(new Consumption(false, 200_000_000L));
        assertThat(second.tryTake("caller:key_a").taken()).isFalse();
        assertThat(second.tryTake("caller:key_b").taken()).as("another client").isTrue();

        // 200 ms at 5 a second: one more, for whichever instance asks first
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(200));
        assertThat(second.tryTake("caller:key_a").taken()).isTrue();
        assertThat(first.tryTake("caller:key_a").taken()).isFalse();

        assertThat(fallbacks(meters, "redis-error")).isZero();
        assertThat(fallbacks(meters, "circuit-open")).isZero();
        // the bucket is in Redis under the prefix, and expires
        assertThat(probe.sync().exists(first.redisKey("caller:key_a"))).isEqualTo(1);
        assertThat(probe.sync().pttl(first.redisKey("caller:key_a")))
                .isPositive()
                .isLessThanOrEqualTo(Duration.ofSeconds(2 + 10).toMillis());
    }

    @Test
    void redisUnreachable_eachInstanceThrottlesByItsOwnBuckets_countedThenTheCircuitOpens() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        RedisClientAllowances unreachable =
                instance("redis://127.0.0.1:" + closedPort, meters, Duration.ofMillis(200), Duration.ofSeconds(30));

        List<Boolean> taken = new ArrayList<>();
        for (int i = 0; i < BURST + 2; i++) {
            taken.add(unreachable.tryTake("caller:key_a").taken());
        }
        // fails open, but not unthrottled: this instance's bucket of 10
        assertThat(taken.subList(0, (int) BURST)).containsOnly(true);
        assertThat(taken.subList((int) BURST, taken.size())).containsOnly(false);
        assertThat(unreachable.connected()).isFalse();
        // five failures open the circuit: the other requests did not ask Redis
        assertThat(fallbacks(meters, "redis-error")).isEqualTo(5);
        assertThat(fallbacks(meters, "circuit-open")).isEqualTo(BURST + 2 - 5);
        assertThat(unreachable.circuit()).isEqualTo(CircuitBreaker.State.OPEN);
    }

    @Test
    void redisStalledThenBack_fallsBackWithinTheCommandTimeout_thenSharesAgain() {
        StallingProxy proxy = new StallingProxy(
                TestBackends.redis().host(), TestBackends.redis().port());
        closeables.add(proxy);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        RedisClientAllowances stalled = instance(proxy.uri(), meters, Duration.ofMillis(200), Duration.ofMillis(500));
        RedisClientAllowances other = instance(new SimpleMeterRegistry());
        assertThat(stalled.tryTake("caller:key_a").taken()).isTrue();
        assertThat(stalled.connected()).isTrue();

        proxy.stall();
        // half of the last calls failed (4 of 5, the minimum): the circuit opens
        for (int i = 0; i < 4; i++) {
            long started = System.nanoTime();
            assertThat(stalled.tryTake("caller:key_a").taken()).isTrue();
            // the command timeout (200 ms), not Lettuce's 60 s
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1_500));
        }
        assertThat(fallbacks(meters, "redis-error")).isEqualTo(4);
        assertThat(stalled.circuit()).isEqualTo(CircuitBreaker.State.OPEN);
        long started = System.nanoTime();
        assertThat(stalled.tryTake("caller:key_a").taken()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("an open circuit asks no Redis")
                .isLessThan(Duration.ofMillis(200));
        assertThat(fallbacks(meters, "circuit-open")).isEqualTo(1);

        proxy.release();
        // after the retry interval one request finds Redis again, and the bucket is the fleet's again
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            stalled.tryTake("caller:key_b");
            assertThat(stalled.circuit()).isEqualTo(CircuitBreaker.State.CLOSED);
        });
        while (other.tryTake("caller:key_c").taken()) {
            // the other instance empties key_c's bucket
        }
        assertThat(stalled.tryTake("caller:key_c").taken()).isFalse();
    }
}
