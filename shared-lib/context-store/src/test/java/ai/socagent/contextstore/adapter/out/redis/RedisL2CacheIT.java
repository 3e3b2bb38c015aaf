package ai.socagent.contextstore.adapter.out.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.socagent.contextstore.AgentContextEntry;
import ai.socagent.contextstore.ContextStore;
import ai.socagent.contextstore.ContextTables;
import ai.socagent.contextstore.CursorCodec;
import ai.socagent.contextstore.GlobalContextEntry;
import ai.socagent.contextstore.adapter.out.embedded.EmbeddedContextStore;
import ai.socagent.contextstore.cache.CachingContextStore;
import ai.socagent.contextstore.cache.CaffeineL1Cache;
import ai.socagent.contextstore.cache.ContextEntryCodec;
import ai.socagent.contextstore.cache.TieredContextCache;
import ai.socagent.observability.MetricNames;
import ai.socagent.observability.MetricTags;
import ai.socagent.redis.config.FailFastRedisAutoConfiguration;
import ai.socagent.testsupport.backends.TestBackends;
import ai.socagent.testsupport.faults.StallingProxy;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/** L2 on the real redis-server: instances sharing it, a corrupt value, Redis stopped and started. */
class RedisL2CacheIT {

    private static final Instant AT = Instant.now().minusSeconds(60);

    @TempDir
    Path directory;

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private EmbeddedContextStore store;

    @BeforeEach
    void open() {
        store = EmbeddedContextStore.open(
                directory.resolve("store.mv"),
                ContextTables.forEnvironment(TestBackends.uniqueName("cache")),
                Clock.systemUTC(),
                CursorCodec.create());
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : closeables.reversed()) {
            closeable.close();
        }
        store.close();
    }

    private record Instance(CachingContextStore store, SimpleMeterRegistry registry) {
        double count(String tier, String result) {
            Counter counter = registry.find(MetricNames.CONTEXT_CACHE_HIT_RATE)
                    .tag(MetricTags.TIER, tier)
                    .tag(MetricTags.RESULT, result)
                    .counter();
            return counter == null ? 0 : counter.count();
        }
    }

    private Instance instance(String redisUri, ContextStore underneath) {
        // one connection factory per instance: each plays a separate process
        LettuceConnectionFactory redis =
                FailFastRedisAutoConfiguration.failFastConnectionFactory(redisUri, Duration.ofMillis(500));
        closeables.add(redis::destroy);
        RedisL2Cache l2 = RedisL2Cache.create(redis);
        closeables.add(l2);
        // Connect before the test starts: on a loaded machine a first handshake can exceed the
        // command timeout, which would (correctly) count as an L2 error and skew the counts.
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> l2.connect() != null);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        TieredContextCache tiers = new TieredContextCache(
                new CaffeineL1Cache(1_000, Duration.ofMinutes(5), Clock.systemUTC()),
                l2,
                Duration.ofMinutes(10),
                Duration.ofMillis(100),
                Clock.systemUTC(),
                registry);
        return new Instance(CachingContextStore.wrap(underneath, tiers), registry);
    }

    private Instance instance() {
        return instance(TestBackends.redis().uri().toString(), store);
    }

    @Test
    void writeOnOneInstance_dropsTheL1CopyOnTheOther() {
        Instance a = instance();
        Instance b = instance();
        AgentContextEntry v1 = a.store().agents().create(AgentContextEntry.of("agent", "s", AT, "{\"v\":1}"));
        // a's create is announced too; until that message has reached b it may drop b's fresh copy.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(b.store().agents().find("agent", "s", AT)).contains(v1);
            assertThat(b.count("L1", "hit")).isPositive();
        });

        AgentContextEntry v2 = a.store().agents().update(v1.withPayload("{\"v\":2}"));

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() ->
                        assertThat(b.store().agents().find("agent", "s", AT)).contains(v2));
    }

    @Test
    void readOnAFreshInstance_isAnL2HitInTheCompactFormat() {
        Instance a = instance();
        GlobalContextEntry stored =
                a.store().global().create(GlobalContextEntry.of("pattern", AT, "item-1", "Trojan", "HIGH", "{}"));
        Instance b = instance();

        assertThat(b.store().global().find("pattern", AT, "item-1")).contains(stored);
        assertThat(b.count("L2", "hit")).isEqualTo(1);
        try (RedisClient raw = RedisClient.create(TestBackends.redis().uri().toString());
                StatefulRedisConnection<String, byte[]> connection =
                        raw.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE))) {
            String key = ContextEntryCodec.keyOf(store.tables(), stored).redisKey();
            assertThat(key).startsWith("ctx:" + store.tables().nameOf(ContextTables.GLOBAL) + ":pattern:");
            assertThat(connection.sync().get(key)[0]).isEqualTo(ContextEntryCodec.FORMAT);
            assertThat(connection.sync().pttl(key))
                    .isBetween(1L, Duration.ofMinutes(10).toMillis());
        }
    }

    @Test
    void corruptValueInRedis_isDeletedAndTheEntryReReadFromTheStore() {
        Instance a = instance();
        AgentContextEntry stored = a.store().agents().create(AgentContextEntry.of("agent", "s", AT, "{}"));
        String key = ContextEntryCodec.keyOf(store.tables(), stored).redisKey();
        try (RedisClient raw = RedisClient.create(TestBackends.redis().uri().toString());
                StatefulRedisConnection<String, byte[]> connection =
                        raw.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE))) {
            connection.sync().set(key, "not an entry".getBytes(StandardCharsets.UTF_8));
            Instance b = instance();

            assertThat(b.store().agents().find("agent", "s", AT)).contains(stored);

            assertThat(b.count("L2", "corrupt")).isEqualTo(1);
            assertThat(ContextEntryCodec.decode(connection.sync().get(key))).isEqualTo(stored);
        }
    }

    @Test
    void redisStoppedMidTest_readsAndWritesGoToTheStoreAndL2HitsAgainOnceItIsBack() {
        OwnRedisServer redis = new OwnRedisServer().start();
        closeables.add(redis);
        Instance a = instance(redis.uri(), store);
        Instance b = instance(redis.uri(), store);
        AgentContextEntry v1 = a.store().agents().create(AgentContextEntry.of("agent", "s", AT, "{\"v\":1}"));
        assertThat(b.store().agents().find("agent", "s", AT)).contains(v1);
        assertThat(b.count("L2", "hit")).isEqualTo(1);

        redis.stop();

        AgentContextEntry v2 = a.store().agents().update(v1.withPayload("{\"v\":2}"));
        AgentContextEntry other = a.store().agents().create(AgentContextEntry.of("agent", "s2", AT, "{}"));
        assertThat(b.store().agents().find("agent", "s2", AT)).contains(other);
        assertThat(a.count("L2", "error")).isPositive();
        assertThat(b.count("L2", "error")).isPositive();
        assertThat(a.store().cache().l2Bypassed()).isTrue();
        assertThat(a.store().agents().find("agent", "s", AT)).contains(v2);

        redis.start();

        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    a.store().agents().find("agent", "s", AT);
                    b.store().agents().find("agent", "s", AT);
                    return !a.store().cache().l2Bypassed() && !b.store().cache().l2Bypassed();
                });
        assertThat(b.store().agents().find("agent", "s", AT)).contains(v2);
        AgentContextEntry v3 = a.store().agents().update(v2.withPayload("{\"v\":3}"));
        double hitsBefore = b.count("L2", "hit");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() ->
                        assertThat(b.store().agents().find("agent", "s", AT)).contains(v3));
        assertThat(b.count("L2", "hit")).isGreaterThan(hitsBefore);
    }

    @Test
    void redisSlowMidTest_commandsTimeOutAndTheStoreAnswersThenL2IsUsedAgain() throws Exception {
        StallingProxy proxy = new StallingProxy(
                TestBackends.redis().host(), TestBackends.redis().port());
        closeables.add(proxy);
        Instance a = instance(proxy.uri(), store);
        Instance b = instance(proxy.uri(), store);
        AgentContextEntry v1 = a.store().agents().create(AgentContextEntry.of("agent", "s", AT, "{\"v\":1}"));

        proxy.stall();

        long started = System.nanoTime();
        assertThat(b.store().agents().find("agent", "s", AT)).contains(v1);
        AgentContextEntry v2 = a.store().agents().update(v1.withPayload("{\"v\":2}"));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(took).isLessThan(Duration.ofSeconds(3));
        assertThat(a.count("L2", "error")).isEqualTo(1);
        assertThat(b.count("L2", "error")).isEqualTo(1);

        proxy.release();

        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    a.store().agents().find("agent", "s", AT);
                    b.store().agents().find("agent", "s", AT);
                    return !a.store().cache().l2Bypassed() && !b.store().cache().l2Bypassed();
                });
        assertThat(b.store().agents().find("agent", "s", AT)).contains(v2);
        double hitsBefore = b.count("L2", "hit");
        AgentContextEntry other = a.store().agents().create(AgentContextEntry.of("agent", "s2", AT, "{}"));
        assertThat(b.store().agents().find("agent", "s2", AT)).contains(other);
        assertThat(b.count("L2", "hit")).isEqualTo(hitsBefore + 1);
    }
}
