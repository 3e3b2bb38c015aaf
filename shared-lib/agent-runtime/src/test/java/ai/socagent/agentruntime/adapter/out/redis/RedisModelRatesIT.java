package ai.socagent.agentruntime.adapter.out.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.socagent.agentruntime.SampleAgentContract;
import ai.socagent.agentruntime.model.InMemoryModelRates;
import ai.socagent.agentruntime.model.ModelCallGate;
import ai.socagent.agentruntime.model.ModelInvocationException;
import ai.socagent.agentruntime.model.ModelRequest;
import ai.socagent.agentruntime.model.ModelRouting;
import ai.socagent.domain.Severity;
import ai.socagent.domain.agent.AgentName;
import ai.socagent.redis.config.FailFastRedisAutoConfiguration;
import ai.socagent.testsupport.backends.TestBackends;
import ai.socagent.testsupport.faults.StallingProxy;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import tools.jackson.databind.json.JsonMapper;

/** The models' requests and tokens per minute shared by two gates ("instances") through the real redis-server. */
class RedisModelRatesIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String HAIKU = ModelRouting.CLAUDE_35_HAIKU;
    private static final String SONNET = ModelRouting.CLAUDE_35_SONNET;
    /** 120 requests a minute: 2 per second; tokens out of the way. */
    private static final ModelCallGate.Quota TWO_A_SECOND = new ModelCallGate.Quota(8, 120, 100_000_000L);

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private String prefix;
    private RedisClient probeClient;
    private StatefulRedisConnection<String, String> probe;

    @BeforeEach
    void connect() {
        prefix = TestBackends.uniqueName("model-quota") + ":";
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

    /** Rates over a fail-fast connection factory of their own: each plays a separate process. */
    private RedisModelRates rates(String uri, SimpleMeterRegistry registry) {
        return rates(uri, registry, Duration.ofSeconds(1));
    }

    private RedisModelRates rates(String uri, SimpleMeterRegistry registry, Duration commandTimeout) {
        LettuceConnectionFactory factory =
                FailFastRedisAutoConfiguration.failFastConnectionFactory(uri, commandTimeout);
        closeables.add(factory::destroy);
        RedisModelRates rates =
                RedisModelRates.over(factory, new InMemoryModelRates(), prefix, Duration.ofSeconds(5), registry);
        closeables.add(rates);
        return rates;
    }

    private ModelCallGate gate(ModelCallGate.Quota quota, Duration maxWait) {
        return gate(quota, maxWait, rates(TestBackends.redis().uri().toString(), meters));
    }

    private ModelCallGate gate(ModelCallGate.Quota quota, Duration maxWait, RedisModelRates rates) {
        return new ModelCallGate(
                new ModelCallGate.Settings(quota, Map.of(), Map.of(), 0.0, maxWait, Duration.ofSeconds(30)),
                rates,
                meters);
    }

    private static ModelRequest request() {
        return new ModelRequest(
                AgentName.THREAT_CLASSIFIER,
                "inv-1",
                JSON.createObjectNode(),
                SampleAgentContract.schema(),
                Severity.HIGH);
    }

    private static void assertOverQuota(ModelCallGate gate, String model, long tokens) {
        assertThatThrownBy(() -> gate.call(request(), model, tokens, () -> "made"))
                .isInstanceOfSatisfying(
                        ModelInvocationException.class,
                        e -> assertThat(e.kind()).isEqualTo(ModelInvocationException.Kind.OVER_QUOTA));
    }

    @Test
    void twoInstances_overOneRedis_getTogetherOnlyTheModelsRequestsPerSecond() {
        ModelCallGate first = gate(TWO_A_SECOND, Duration.ofMillis(200));
        ModelCallGate second = gate(TWO_A_SECOND, Duration.ofMillis(200));

        assertThat(first.call(request(), HAIKU, 100, () -> "first")).isEqualTo("first");
        assertThat(second.call(request(), HAIKU, 100, () -> "second")).isEqualTo("second");
        // alone, each would have had another one this second
        assertOverQuota(first, HAIKU, 100);
        assertOverQuota(second, HAIKU, 100);
        assertThat(meters.find("soc.model.calls.quota-store-errors").counters()).isEmpty();

        // a caller willing to wait gets the next second's permit
        ModelCallGate patient = gate(TWO_A_SECOND, Duration.ofSeconds(3));
        long started = System.nanoTime();
        assertThat(patient.call(request(), HAIKU, 100, () -> "later")).isEqualTo("later");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofMillis(100));

        // the buckets are in Redis under the prefix, and expire
        RedisModelRates rates = rates(TestBackends.redis().uri().toString(), meters);
        assertThat(probe.sync().exists(rates.redisKey(HAIKU, "requests"), rates.redisKey(HAIKU, "tokens")))
                .isEqualTo(2);
        assertThat(probe.sync().pttl(rates.redisKey(HAIKU, "requests"))).isPositive();
        assertThat(probe.sync().pttl(rates.redisKey(HAIKU, "tokens"))).isPositive();
    }

    @Test
    void twoInstances_overOneRedis_shareTheModelsTokens() {
        // 60,000 tokens a minute: 10,000 per 10 s
        ModelCallGate.Quota tokens = new ModelCallGate.Quota(8, 60_000, 60_000L);
        ModelCallGate first = gate(tokens, Duration.ofMillis(200));
        ModelCallGate second = gate(tokens, Duration.ofMillis(200));

        assertThat(first.call(request(), HAIKU, 9_000, () -> "first")).isEqualTo("first");
        assertOverQuota(second, HAIKU, 2_000);
        assertThat(second.call(request(), HAIKU, 1_000, () -> "small")).isEqualTo("small");
    }

    @Test
    void differentModels_haveTheirOwnAllowances() {
        ModelCallGate first = gate(TWO_A_SECOND, Duration.ofMillis(200));
        ModelCallGate second = gate(TWO_A_SECOND, Duration.ofMillis(200));
        first.call(request(), HAIKU, 100, () -> "a");
        second.call(request(), HAIKU, 100, () -> "b");
        assertOverQuota(first, HAIKU, 100);

        assertThat(first.call(request(), SONNET, 100, () -> "sonnet")).isEqualTo("sonnet");
        assertThat(second.call(request(), SONNET, 100, () -> "sonnet")).isEqualTo("sonnet");
        assertOverQuota(second, SONNET, 100);
    }

    @Test
    void redisUnreachable_fallsBackToThisProcesssLimitsAndCountsTheError() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        SimpleMeterRegistry own = new SimpleMeterRegistry();
        RedisModelRates unreachable = rates("redis://127.0.0.1:" + closedPort, own);
        // 60 a minute: one a second, now counted in this process only
        ModelCallGate gate = gate(new ModelCallGate.Quota(8, 60, 100_000_000L), Duration.ofMillis(200), unreachable);

        long started = System.nanoTime();
        assertThat(gate.call(request(), HAIKU, 100, () -> "local")).isEqualTo("local");
        assertOverQuota(gate, HAIKU, 100);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));

        assertThat(own.get("soc.model.calls.quota-store-errors")
                        .tag("model", HAIKU)
                        .counter()
                        .count())
                .isEqualTo(2);
    }

    @Test
    void redisStalledThenGone_eachCallFallsBackWithinTheCommandTimeout() throws Exception {
        StallingProxy proxy = new StallingProxy(
                TestBackends.redis().host(), TestBackends.redis().port());
        closeables.add(proxy);
        SimpleMeterRegistry own = new SimpleMeterRegistry();
        RedisModelRates rates = rates(proxy.uri(), own, Duration.ofMillis(200));
        // 180 a minute: 3 a second, in Redis and (after a failure) in this process
        ModelCallGate gate = gate(new ModelCallGate.Quota(8, 180, 100_000_000L), Duration.ofMillis(100), rates);
        assertThat(gate.call(request(), HAIKU, 100, () -> "shared")).isEqualTo("shared");
        assertThat(rates.connected()).isTrue();
        assertThat(own.find("soc.model.calls.quota-store-errors").counters()).isEmpty();

        proxy.stall();
        long started = System.nanoTime();
        assertThat(gate.call(request(), HAIKU, 100, () -> "local")).isEqualTo("local");
        // the command timeout (200 ms), not maxWait or Lettuce's 60 s
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1_500));
        assertThat(errors(own)).isEqualTo(1);

        proxy.close();
        started = System.nanoTime();
        assertThat(gate.call(request(), HAIKU, 100, () -> "local again")).isEqualTo("local again");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1_500));
        assertThat(errors(own)).isEqualTo(2);
    }

    private static double errors(SimpleMeterRegistry registry) {
        return registry.get("soc.model.calls.quota-store-errors")
                .tag("model", HAIKU)
                .counter()
                .count();
    }
}
