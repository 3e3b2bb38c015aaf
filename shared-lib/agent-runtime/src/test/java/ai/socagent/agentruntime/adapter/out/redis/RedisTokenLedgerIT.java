package ai.socagent.agentruntime.adapter.out.redis;

import static org.assertj.core.api.Assertions.assertThat;

import ai.socagent.agentruntime.budget.TokenBudget;
import ai.socagent.domain.agent.AgentName;
import ai.socagent.observability.MetricNames;
import ai.socagent.redis.config.FailFastRedisAutoConfiguration;
import ai.socagent.testsupport.backends.TestBackends;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/** Token budgets shared by two instances ("JVMs") through the real redis-server. */
class RedisTokenLedgerIT {

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final SimpleMeterRegistry firstMeters = new SimpleMeterRegistry();
    private final SimpleMeterRegistry secondMeters = new SimpleMeterRegistry();
    private String prefix;
    private RedisClient probeClient;
    private StatefulRedisConnection<String, String> probe;

    @BeforeEach
    void connect() {
        prefix = TestBackends.uniqueName("token-budget") + ":";
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

    private RedisTokenLedger ledger() {
        StringRedisTemplate redis = template(TestBackends.redis().uri().toString(), Duration.ofSeconds(1));
        return new RedisTokenLedger(redis, prefix);
    }

    private TokenBudget budget(long daily, long perInvestigation, SimpleMeterRegistry meters) {
        return new TokenBudget(daily, perInvestigation, Duration.ofDays(30), ledger(), Clock.systemUTC(), meters);
    }

    private static double warnings(SimpleMeterRegistry meters, String budget) {
        Counter counter = meters.find(MetricNames.AGENT_TOKEN_CONSUMPTION + ".Warning")
                .tag("result", budget)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void twoInstances_overOneRedis_exhaustTheSharedInvestigationBudgetAndWarnOnce() {
        TokenBudget first = budget(1_000_000, 1_000, firstMeters);
        TokenBudget second = budget(1_000_000, 1_000, secondMeters);

        first.record(AgentName.THREAT_CLASSIFIER, "inv-1", "haiku", 500, 100);
        assertThat(second.exhaustion("inv-1")).isEmpty();
        second.record(AgentName.INVESTIGATION, "inv-1", "sonnet", 300, 50);
        first.record(AgentName.THREAT_CLASSIFIER, "inv-1", "haiku", 40, 10);

        assertThat(first.spentBy("inv-1")).isEqualTo(1_000);
        assertThat(second.exhaustion("inv-1")).hasValue("investigation token budget exhausted (1000 of 1000 tokens)");
        assertThat(first.exhaustion("inv-1")).hasValue("investigation token budget exhausted (1000 of 1000 tokens)");
        assertThat(second.exhaustion("inv-2")).isEmpty();
        assertThat(warnings(firstMeters, "investigation") + warnings(secondMeters, "investigation"))
                .as("the 90 percent warning is logged by the one instance whose call crossed it")
                .isEqualTo(1);
        assertThat(warnings(secondMeters, "investigation")).isEqualTo(1);
    }

    @Test
    void twoInstances_overOneRedis_exhaustTheSharedDailyBudget() {
        TokenBudget first = budget(1_000, 1_000_000, firstMeters);
        TokenBudget second = budget(1_000, 1_000_000, secondMeters);

        first.record(AgentName.THREAT_CLASSIFIER, "inv-1", "haiku", 600, 0);
        second.record(AgentName.THREAT_CLASSIFIER, "inv-2", "haiku", 400, 0);

        assertThat(first.exhaustion("inv-3")).hasValue("daily token budget exhausted (1000 of 1000 tokens)");
        assertThat(second.spentToday()).isEqualTo(1_000);
    }

    @Test
    void counters_expireAfterTwoDaysAndTheInvestigationTtl() {
        budget(1_000, 1_000, firstMeters).record(AgentName.THREAT_CLASSIFIER, "inv-1", "haiku", 10, 5);

        String daily = prefix + "daily:" + LocalDate.now(ZoneOffset.UTC);
        String investigation = prefix + "investigation:inv-1";
        assertThat(probe.sync().get(daily)).isEqualTo("15");
        assertThat(probe.sync().ttl(daily))
                .isBetween(
                        Duration.ofDays(2).toSeconds() - 60, Duration.ofDays(2).toSeconds());
        assertThat(probe.sync().ttl(investigation))
                .isBetween(
                        Duration.ofDays(30).toSeconds() - 60,
                        Duration.ofDays(30).toSeconds());
    }

    @Test
    void concurrentIncrementsFromTwoInstances_loseNothing() throws Exception {
        RedisTokenLedger first = ledger();
        RedisTokenLedger second = ledger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                RedisTokenLedger ledger = i % 2 == 0 ? first : second;
                futures.add(pool.submit(() -> ledger.add("investigation:race", 3, Duration.ofMinutes(5))));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(first.get("investigation:race")).isEqualTo(1_200);
    }

    @Test
    void redisUnreachable_budgetStillCountsThisInstanceAndNeverFails() {
        StringRedisTemplate down = template("redis://127.0.0.1:1", Duration.ofMillis(200));
        TokenBudget budget = new TokenBudget(
                1_000, 100, Duration.ofDays(30), new RedisTokenLedger(down, prefix), Clock.systemUTC(), firstMeters);

        budget.record(AgentName.THREAT_CLASSIFIER, "inv-1", "haiku", 100, 0);

        assertThat(budget.exhaustion("inv-1")).hasValue("investigation token budget exhausted (100 of 100 tokens)");
        assertThat(firstMeters
                        .get(MetricNames.AGENT_TOKEN_CONSUMPTION + ".LedgerError")
                        .counter()
                        .count())
                .isPositive();
    }
}
