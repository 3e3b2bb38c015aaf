package ai.socagent.agentruntime.adapter.out.redis;

import static org.assertj.core.api.Assertions.assertThat;

import ai.socagent.agentruntime.SampleAgentContract;
import ai.socagent.agentruntime.budget.TokenBudget;
import ai.socagent.agentruntime.model.CachingModelPort;
import ai.socagent.agentruntime.model.ModelAnswer;
import ai.socagent.agentruntime.model.ModelRequest;
import ai.socagent.agentruntime.model.OfflineEngine;
import ai.socagent.agentruntime.model.ResilienceSettings;
import ai.socagent.agentruntime.model.ResilientModelPort;
import ai.socagent.agentruntime.model.SharedResponseCache;
import ai.socagent.agentruntime.prompt.OutputValidator;
import ai.socagent.agentruntime.prompt.PromptBuilder;
import ai.socagent.domain.Severity;
import ai.socagent.domain.agent.AgentName;
import ai.socagent.observability.MetricNames;
import ai.socagent.redis.config.FailFastRedisAutoConfiguration;
import ai.socagent.testsupport.backends.TestBackends;
import com.github.benmanes.caffeine.cache.Ticker;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The response cache's Redis tier on the real redis-server: two instances ("JVMs") sharing it. */
class RedisResponseCacheIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TTL = Duration.ofMinutes(10);

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final OfflineEngine offline = request -> JSON.readTree(CountingModel.VALID);
    private String prefix;
    private RedisClient probeClient;
    private StatefulRedisConnection<String, String> probe;

    @BeforeEach
    void connect() {
        prefix = TestBackends.uniqueName("model-response") + ":";
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

    /** A template over a fail-fast connection factory of its own: each plays a separate process. */
    private StringRedisTemplate template(String uri, Duration commandTimeout) {
        LettuceConnectionFactory factory =
                FailFastRedisAutoConfiguration.failFastConnectionFactory(uri, commandTimeout);
        closeables.add(factory::destroy);
        return new StringRedisTemplate(factory);
    }

    /** One service instance: its own model, budget, meters, L1 and Redis connection. */
    private record Instance(CachingModelPort port, CountingModel model, SimpleMeterRegistry meters) {
        double count(String tier, String result) {
            Counter counter = meters.find(MetricNames.CONTEXT_CACHE_HIT_RATE)
                    .tag("tier", tier)
                    .tag("result", result)
                    .counter();
            return counter == null ? 0 : counter.count();
        }
    }

    private Instance instance(String name, String redisUri) {
        StringRedisTemplate redis = template(redisUri, Duration.ofMillis(500));
        return instance(name, new RedisResponseCache(redis, prefix));
    }

    private Instance instance(String name, SharedResponseCache l2) {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        CountingModel model = new CountingModel(name);
        ResilientModelPort resilient = new ResilientModelPort(
                model,
                new PromptBuilder(),
                new OutputValidator(),
                new TokenBudget(1_000_000, 100_000, Clock.systemUTC(), meters),
                new ResilienceSettings(1, Duration.ofMillis(1), 2.0, 0.0, 50f, 100, Duration.ofMinutes(1)),
                meters);
        return new Instance(
                new CachingModelPort(resilient, TTL, 1_000, Ticker.systemTicker(), meters, l2, Duration.ofSeconds(30)),
                model,
                meters);
    }

    private static ModelRequest request(String session, String title) {
        return new ModelRequest(
                AgentName.THREAT_CLASSIFIER,
                session,
                JSON.createObjectNode().put("title", title),
                SampleAgentContract.schema(),
                Severity.MEDIUM);
    }

    private String redisUri() {
        return TestBackends.redis().uri().toString();
    }

    @Test
    void twoInstances_sharingRedis_secondServesTheFirstsAnswerWithoutCallingItsModel() {
        Instance first = instance("first", redisUri());
        Instance second = instance("second", redisUri());

        ModelAnswer original = first.port().answer(request("inv-1", "SSH brute force"), offline);
        ModelAnswer shared = second.port().answer(request("inv-2", "  SSH   brute force "), offline);
        ModelAnswer again = second.port().answer(request("inv-3", "SSH brute force"), offline);

        assertThat(first.model().calls).hasValue(1);
        assertThat(second.model().calls).hasValue(0);
        assertThat(shared.output()).isEqualTo(original.output());
        assertThat(shared.producedBy()).isEqualTo("test-model");
        assertThat(shared.inputTokens() + shared.outputTokens()).isZero();
        assertThat(shared.traceId()).isEqualTo("cache:" + original.traceId());
        assertThat(second.count(CachingModelPort.TIER_L2, "hit")).isEqualTo(1);
        assertThat(second.count(CachingModelPort.TIER_L1, "hit"))
                .as("the L2 hit filled L1")
                .isEqualTo(1);
        assertThat(again.output()).isEqualTo(original.output());
    }

    @Test
    void storedAnswer_isJsonUnderThePrefixedSha256KeyWithTheCacheTtl() {
        Instance first = instance("first", redisUri());
        ModelRequest request = request("inv-1", "port scan");

        first.port().answer(request, offline);

        String key = prefix + CachingModelPort.key(request);
        assertThat(CachingModelPort.key(request)).matches("[0-9a-f]{64}");
        assertThat(JSON.readTree(probe.sync().get(key))
                        .get("output")
                        .get("category")
                        .asString())
                .isEqualTo("UNAUTHORIZED_ACCESS");
        assertThat(probe.sync().pttl(key)).isBetween(TTL.toMillis() - 60_000, TTL.toMillis());
    }

    @Test
    void fallbackAnswers_areNotStoredInRedis() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        StringRedisTemplate redis = template(redisUri(), Duration.ofMillis(500));
        ModelRequest request = request("inv-1", "budget spent");
        TokenBudget spent = new TokenBudget(1, 1, Clock.systemUTC(), meters);
        spent.record(AgentName.THREAT_CLASSIFIER, "inv-1", "m", 1, 0);
        CachingModelPort port = new CachingModelPort(
                new ResilientModelPort(
                        new CountingModel("x"),
                        new PromptBuilder(),
                        new OutputValidator(),
                        spent,
                        ResilienceSettings.defaults(),
                        meters),
                TTL,
                10,
                Ticker.systemTicker(),
                meters,
                new RedisResponseCache(redis, prefix),
                Duration.ofSeconds(5));

        assertThat(port.answer(request, offline).isFallback()).isTrue();
        assertThat(probe.sync().exists(prefix + CachingModelPort.key(request))).isZero();
    }

    @Test
    void redisUnreachable_callsTheModelCountsTheErrorThenBypassesRedisForAWhile() {
        Instance lonely = instance("lonely", "redis://127.0.0.1:1");

        ModelAnswer first = lonely.port().answer(request("inv-1", "a"), offline);
        ModelAnswer second = lonely.port().answer(request("inv-1", "b"), offline);

        assertThat(first.isFallback()).isFalse();
        assertThat(second.isFallback()).isFalse();
        assertThat(lonely.model().calls).hasValue(2);
        assertThat(lonely.count(CachingModelPort.TIER_L2, "error")).isEqualTo(1);
        assertThat(lonely.count(CachingModelPort.TIER_L2, "bypass")).isEqualTo(1);
    }

    @Test
    void unreadableValueInRedis_isCountedDeletedAndReplacedByTheModelsAnswer() {
        Instance instance = instance("one", redisUri());
        ModelRequest request = request("inv-1", "corrupt");
        String key = prefix + CachingModelPort.key(request);
        probe.sync().set(key, "{not an answer");

        ModelAnswer answer = instance.port().answer(request, offline);

        assertThat(answer.isFallback()).isFalse();
        assertThat(instance.model().calls).hasValue(1);
        assertThat(instance.count(CachingModelPort.TIER_L2, "corrupt")).isEqualTo(1);
        assertThat(JSON.readTree(probe.sync().get(key)).get("v").asInt()).isEqualTo(1);
    }

    @Test
    void redisThatNeverAnswers_timesOutAndTheModelAnswersWithinABoundedDelay() throws Exception {
        try (ServerSocket blackHole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            StringRedisTemplate stalled =
                    template("redis://127.0.0.1:" + blackHole.getLocalPort(), Duration.ofMillis(100));
            Instance instance = instance("stalled", new RedisResponseCache(stalled, prefix));
            long start = System.nanoTime();

            ModelAnswer answer = instance.port().answer(request("inv-1", "stalled"), offline);

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            assertThat(answer.isFallback()).isFalse();
            assertThat(instance.model().calls).hasValue(1);
            assertThat(instance.count(CachingModelPort.TIER_L2, "error")).isEqualTo(1);
        }
    }
}
