import ai.socagent.contextstore.AgentContextEntry;
import ai.socagent.contextstore.ContextTables;
import ai.socagent.contextstore.CursorCodec;
import ai.socagent.contextstore.adapter.out.embedded.EmbeddedContextStore;
import ai.socagent.contextstore.adapter.out.redis.RedisL2Cache;
import ai.socagent.redis.config.FailFastRedisAutoConfiguration;
import ai.socagent.contextstore.cache.CachingContextStore;
import ai.socagent.contextstore.cache.CaffeineL1Cache;
import ai.socagent.contextstore.cache.ContextEntryCodec;
import ai.socagent.contextstore.cache.TieredContextCache;
import ai.socagent.observability.MetricNames;
import ai.socagent.observability.MetricTags;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.function.IntConsumer;

/**
 * Context cache figures (issue #3): read latency of an L1 hit, an L2 hit and a full miss (L1 miss,
 * L2 miss, embedded store read, L2 fill) beside a raw Lettuce GET of the same value on the same
 * Redis; then the hit rate of 100,000 Zipf(1.0) reads over 10,000 keys with L1 at 20% of the keys.
 * Run with bench/context-cache/run.sh; needs the Redis of scripts/backends.sh.
 */
public final class ContextCacheBench {

    static final Instant AT = Instant.parse("2026-11-26T12:00:00Z");
    static final Instant FAR = Instant.parse("2999-01-01T00:00:00Z");
    static final String PAYLOAD = "{\"finding\":\"f-1\",\"techniques\":[\"T1059\",\"T1105\"],\"notes\":\""
            + "x".repeat(400) + "\"}";

    public static void main(String[] args) throws Exception {
        String redisUri = System.getenv().getOrDefault("SOC_TEST_REDIS_URI", "redis://127.0.0.1:16379");
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        Path dir = Files.createTempDirectory("ctx-bench");
        String env = "bench-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        ContextTables tables = ContextTables.forEnvironment(env);
        Clock clock = Clock.systemUTC();
        try (EmbeddedContextStore store = EmbeddedContextStore.open(dir.resolve("s.mv"), tables, clock, CursorCodec.create());
                RedisClient raw = RedisClient.create(redisUri);
                StatefulRedisConnection<String, byte[]> rawConnection =
                        raw.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE))) {
            RedisCommands<String, byte[]> redis = rawConnection.sync();
            int keys = 1_000;
            for (int i = 0; i < keys; i++) {
                store.agents().create(new AgentContextEntry("agent-" + i, "s", AT, PAYLOAD, 0, FAR));
            }
            AgentContextEntry sample = store.agents().find("agent-0", "s", AT).orElseThrow();
            System.out.printf(Locale.ROOT, "Redis %s, payload %d chars, encoded entry %d bytes, %d samples each%n",
                    redisUri, PAYLOAD.length(), ContextEntryCodec.encode(sample).length, samples);

            try (RedisL2Cache l2 = RedisL2Cache.create(FailFastRedisAutoConfiguration.failFastConnectionFactory(redisUri, Duration.ofMillis(100))).connect()) {
                CachingContextStore l1Only = cached(store, l2, Duration.ofMinutes(5), 10_000);
                // An L1 that forgets at once: every read is an L1 miss.
                CachingContextStore noL1 = cached(store, l2, Duration.ofNanos(1), 10_000);
                String[] redisKeys = new String[keys];
                for (int i = 0; i < keys; i++) {
                    redisKeys[i] = ContextEntryCodec.keyOf(tables, store.agents().find("agent-" + i, "s", AT).orElseThrow()).redisKey();
                }

                // An L1 of one entry cycling over 1,000 keys: every read is an L1 miss, an L2 hit and an L1 fill.
                CachingContextStore tinyL1 = cached(store, l2, Duration.ofMinutes(5), 1);
                for (int round = 0; round < 3; round++) {
                    boolean report = round == 2;
                    // Interleaved: sample i of every figure is taken within microseconds of the others,
                    // so load on the machine hits them alike.
                    long[] rawGet = new long[samples];
                    long[] l1Hit = new long[samples];
                    long[] l2Hit = new long[samples];
                    long[] l2HitTiny = new long[samples];
                    for (int i = 0; i < samples; i++) {
                        int k = i % keys;
                        String agent = "agent-" + k;
                        long t0 = System.nanoTime();
                        redis.get(redisKeys[k]);
                        long t1 = System.nanoTime();
                        l1Only.agents().find(agent, "s", AT);
                        long t2 = System.nanoTime();
                        noL1.agents().find(agent, "s", AT);
                        long t3 = System.nanoTime();
                        tinyL1.agents().find(agent, "s", AT);
                        long t4 = System.nanoTime();
                        rawGet[i] = t1 - t0;
                        l1Hit[i] = t2 - t1;
                        l2Hit[i] = t3 - t2;
                        l2HitTiny[i] = t4 - t3;
                    }
                    long[] missTimes = new long[Math.min(samples, 10_000)];
                    for (int i = 0; i < missTimes.length; i++) {
                        redis.del(redisKeys[i % keys]);
                        long t0 = System.nanoTime();
                        noL1.agents().find("agent-" + (i % keys), "s", AT);
                        missTimes[i] = System.nanoTime() - t0;
                    }
                    if (report) {
                        System.out.println();
                        System.out.println("read latency (µs), interleaved                 p50      p99     mean");
                        print("raw Lettuce GET (same Redis, same value)", rawGet);
                        print("L1 hit", l1Hit);
                        print("L2 hit (L1 TTL 1 ns)", l2Hit);
                        print("L2 hit (L1 of 1 entry, evicting)", l2HitTiny);
                        print("miss (L1+L2 miss, embedded store, L2 fill)", missTimes);
                        System.out.printf(Locale.ROOT, "L2 hit / raw GET: p50 %.2fx, mean %.2fx%n",
                                (double) pct(l2Hit, 0.5) / pct(rawGet, 0.5),
                                Arrays.stream(l2Hit).average().orElse(0) / Arrays.stream(rawGet).average().orElse(1));
                    }
                }
            }
            hitRate(redisUri, dir, clock);
        }
    }

    static CachingContextStore cached(EmbeddedContextStore store, RedisL2Cache l2, Duration l1Ttl, long l1Size) {
        return CachingContextStore.wrap(store, new TieredContextCache(
                new CaffeineL1Cache(l1Size, l1Ttl, Clock.systemUTC()), l2, Duration.ofMinutes(10),
                Duration.ofSeconds(5), Clock.systemUTC(), new SimpleMeterRegistry()));
    }

    static long pct(long[] times, double p) {
        long[] sorted = times.clone();
        Arrays.sort(sorted);
        return sorted[(int) (sorted.length * p)];
    }

    static void measure(boolean report, String name, int samples, IntConsumer op) {
        long[] times = new long[samples];
        for (int i = 0; i < samples; i++) {
            long t0 = System.nanoTime();
            op.accept(i);
            times[i] = System.nanoTime() - t0;
        }
        if (report) {
            print(name, times);
        }
    }

    static void print(String name, long[] times) {
        long[] sorted = times.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(sorted).average().orElse(0);
        System.out.printf(Locale.ROOT, "%-44s %8.1f %8.1f %8.1f%n", name,
                sorted[sorted.length / 2] / 1e3, sorted[(int) (sorted.length * 0.99)] / 1e3, mean / 1e3);
    }

    /** 100,000 Zipf(1.0) reads over 10,000 keys; L1 holds 2,000 (20%); L2 in Redis; caches cold. */
    static void hitRate(String redisUri, Path dir, Clock clock) {
        int keys = 10_000;
        int reads = 100_000;
        int l1Size = keys / 5;
        ContextTables tables = ContextTables.forEnvironment("zipf-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36));
        try (EmbeddedContextStore store = EmbeddedContextStore.open(dir.resolve("zipf.mv"), tables, clock, CursorCodec.create());
                RedisL2Cache l2 = RedisL2Cache.create(FailFastRedisAutoConfiguration.failFastConnectionFactory(redisUri, Duration.ofMillis(100))).connect()) {
            for (int i = 0; i < keys; i++) {
                store.agents().create(new AgentContextEntry("agent-" + i, "s", AT, "{\"k\":" + i + "}", 0, FAR));
            }
            double[] cdf = new double[keys];
            double sum = 0;
            for (int k = 0; k < keys; k++) {
                sum += 1.0 / (k + 1);
                cdf[k] = sum;
            }
            for (int k = 0; k < keys; k++) {
                cdf[k] /= sum;
            }
            for (boolean withL2 : new boolean[] {false, true}) {
                SimpleMeterRegistry registry = new SimpleMeterRegistry();
                CachingContextStore cached = CachingContextStore.wrap(store, new TieredContextCache(
                        new CaffeineL1Cache(l1Size, Duration.ofMinutes(10), clock), withL2 ? l2 : null,
                        Duration.ofMinutes(10), Duration.ofSeconds(5), clock, registry));
                Random random = new Random(42);
                long t0 = System.nanoTime();
                for (int r = 0; r < reads; r++) {
                    int rank = Arrays.binarySearch(cdf, random.nextDouble());
                    int key = rank >= 0 ? rank : Math.min(-rank - 1, keys - 1);
                    cached.agents().find("agent-" + key, "s", AT).orElseThrow();
                }
                long elapsed = System.nanoTime() - t0;
                double l1Hits = count(registry, "L1", "hit");
                double l2Hits = count(registry, "L2", "hit");
                System.out.println();
                System.out.printf(Locale.ROOT, "Zipf(1.0) replay, %,d reads over %,d keys, L1 max %,d entries, L2 %s (%.1f s)%n",
                        reads, keys, l1Size, withL2 ? "Redis" : "off", elapsed / 1e9);
                System.out.printf(Locale.ROOT, "  L1 hit rate %.1f%%, L2 hits %.1f%% of reads, overall hit rate %.1f%%, store reads %,d%n",
                        100 * l1Hits / reads, 100 * l2Hits / reads, 100 * (l1Hits + l2Hits) / reads,
                        (long) (reads - l1Hits - l2Hits));
            }
        }
    }

    static double count(SimpleMeterRegistry registry, String tier, String result) {
        var counter = registry.find(MetricNames.CONTEXT_CACHE_HIT_RATE).tag(MetricTags.TIER, tier)
                .tag(MetricTags.RESULT, result).counter();
        return counter == null ? 0 : counter.count();
    }
}
