package ai.socagent.contextstore.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import ai.socagent.contextstore.AgentContextEntry;
import ai.socagent.contextstore.AgentContextRepository;
import ai.socagent.contextstore.ContextStore;
import ai.socagent.contextstore.ContextTables;
import ai.socagent.contextstore.ContextVersionConflictException;
import ai.socagent.contextstore.CursorCodec;
import ai.socagent.contextstore.MutableClock;
import ai.socagent.contextstore.adapter.out.embedded.EmbeddedContextStore;
import ai.socagent.observability.MetricNames;
import ai.socagent.observability.MetricTags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tiers over the embedded store and an in-memory shared L2. */
class TieredContextCacheTest {

    private static final Instant START = Instant.parse("2026-11-26T12:00:00Z");
    private static final Instant AT = START.minusSeconds(60);

    @TempDir
    Path directory;

    private final MutableClock clock = new MutableClock(START);
    private final InMemoryContextCache.Shared l2 = new InMemoryContextCache.Shared();
    private final List<SimpleMeterRegistry> registries = new ArrayList<>();
    private EmbeddedContextStore embedded;

    @BeforeEach
    void open() {
        embedded = EmbeddedContextStore.open(
                directory.resolve("store.mv"), ContextTables.forEnvironment("t"), clock, CursorCodec.create());
    }

    @AfterEach
    void close() {
        embedded.close();
    }

    /** One application instance: its own L1 and meters, the shared L2, the one store. */
    private CachingContextStore instance(ContextStore store) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        registries.add(registry);
        return CachingContextStore.wrap(
                store,
                new TieredContextCache(
                        new CaffeineL1Cache(100, Duration.ofMinutes(5), clock),
                        l2.member(),
                        Duration.ofHours(1),
                        Duration.ofMillis(50),
                        clock,
                        registry));
    }

    private double count(int instance, String tier, String result) {
        var counter = registries
                .get(instance)
                .find(MetricNames.CONTEXT_CACHE_HIT_RATE)
                .tag(MetricTags.TIER, tier)
                .tag(MetricTags.RESULT, result)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void find_twice_secondIsAnL1HitWithoutReadingTheStore() {
        embedded.agents().create(AgentContextEntry.of("agent", "s", AT, "{}"));
        CountingStore counting = new CountingStore(embedded);
        CachingContextStore a = instance(counting);

        Optional<AgentContextEntry> first = a.agents().find("agent", "s", AT);
        Optional<AgentContextEntry> second = a.agents().find("agent", "s", AT);

        assertThat(second).isEqualTo(first).isPresent();
        assertThat(counting.finds.get()).isEqualTo(1);
        assertThat(count(0, "L1", "hit")).isEqualTo(1);
        assertThat(count(0, "L1", "miss")).isEqualTo(1);
        assertThat(count(0, "L2", "miss")).isEqualTo(1);
    }

    @Test
    void find_onAnotherInstanceAfterAWrite_isAnL2HitWithoutReadingTheStore() {
        CachingContextStore a = instance(embedded);
        CountingStore counting = new CountingStore(embedded);
        CachingContextStore b = instance(counting);
        AgentContextEntry written = a.agents().create(AgentContextEntry.of("agent", "s", AT, "{}"));

        assertThat(b.agents().find("agent", "s", AT)).contains(written);
        assertThat(counting.finds.get()).isZero();
        assertThat(count(1, "L2", "hit")).isEqualTo(1);
    }

    @Test
    void update_onOneInstance_dropsTheOtherInstancesL1Copy() {
        CachingContextStore a = instance(embedded);
        CachingContextStore b = instance(embedded);
        AgentContextEntry v1 = a.agents().create(AgentContextEntry.of("agent", "s", AT, "{\"v\":1}"));
        assertThat(b.agents().find("agent", "s", AT)).contains(v1);

        AgentContextEntry v2 = a.agents().update(v1.withPayload("{\"v\":2}"));

        assertThat(b.agents().find("agent", "s", AT)).contains(v2);
    }

    @Test
    void missedInvalidations_reported_dropTheWholeL1() {
        CachingContextStore a = instance(embedded);
        CachingContextStore b = instance(embedded);
        AgentContextEntry v1 = a.agents().create(AgentContextEntry.of("agent", "s", AT, "{\"v\":1}"));
        assertThat(b.agents().find("agent", "s", AT)).contains(v1);
        InMemoryContextCache bL2 = l2.members.get(1);
        l2.members.remove(bL2);
        AgentContextEntry v2 = a.agents().update(v1.withPayload("{\"v\":2}"));
        assertThat(b.agents().find("agent", "s", AT)).contains(v1);

        bL2.resubscribed();

        assertThat(b.agents().find("agent", "s", AT)).contains(v2);
    }

    @Test
    void update_withAStaleVersion_failsAndDropsTheCachedCopy() {
        CachingContextStore a = instance(embedded);
        AgentContextEntry v1 = a.agents().create(AgentContextEntry.of("agent", "s", AT, "{}"));
        embedded.agents().update(v1.withPayload("{\"behind the cache\":true}"));

        assertThatExceptionOfType(ContextVersionConflictException.class)
                .isThrownBy(() -> a.agents().update(v1.withPayload("{}")));
        assertThat(a.agents().find("agent", "s", AT).orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void find_afterTheEntryExpiredByTheStoreClock_isEmpty() {
        CachingContextStore a = instance(embedded);
        a.agents().create(AgentContextEntry.of("agent", "s", AT, "{}").withExpiresAt(START.plusSeconds(10)));
        assertThat(a.agents().find("agent", "s", AT)).isPresent();

        clock.advance(Duration.ofSeconds(10));

        assertThat(a.agents().find("agent", "s", AT)).isEmpty();
    }

    @Test
    void write_setsTheL2TtlToTheEntrysRemainingLifeWhenShorter() {
        CachingContextStore a = instance(embedded);

        AgentContextEntry stored =
                a.agents().create(AgentContextEntry.of("agent", "s", AT, "{}").withExpiresAt(START.plusSeconds(90)));

        assertThat(l2.ttls.get(
                        ContextEntryCodec.keyOf(embedded.tables(), stored).redisKey()))
                .isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void l2Down_readsAndWritesStillSucceedAndTheErrorIsCountedThenBypassed() {
        CachingContextStore a = instance(embedded);
        l2.down = true;

        AgentContextEntry stored = a.agents().create(AgentContextEntry.of("agent", "s", AT, "{}"));
        AgentContextEntry other = a.agents().create(AgentContextEntry.of("agent", "s2", AT, "{}"));
        CachingContextStore b = instance(embedded);

        assertThat(b.agents().find("agent", "s", AT)).contains(stored);
        assertThat(b.agents().find("agent", "s2", AT)).contains(other);
        assertThat(count(0, "L2", "error")).isEqualTo(1);
        assertThat(count(0, "L2", "bypass")).isEqualTo(1);
        assertThat(count(1, "L2", "error")).isEqualTo(1);
        assertThat(count(1, "L2", "bypass")).isEqualTo(1);
        assertThat(b.cache().l2Bypassed()).isTrue();
    }

    @Test
    void l2Back_afterTheRetryInterval_isUsedAgainAndStaleCopiesWrittenMeanwhileAreDeleted() {
        CachingContextStore a = instance(embedded);
        AgentContextEntry v1 = a.agents().create(AgentContextEntry.of("agent", "s", AT, "{\"v\":1}"));
        l2.down = true;
        AgentContextEntry v2 = a.agents().update(v1.withPayload("{\"v\":2}"));
        l2.down = false;

        await().atMost(Duration.ofSeconds(5)).until(() -> {
            a.agents().find("agent", "s", AT);
            return !a.cache().l2Bypassed();
        });
        CachingContextStore b = instance(embedded);

        assertThat(b.agents().find("agent", "s", AT)).contains(v2);
        AgentContextEntry v3 = a.agents().update(v2.withPayload("{\"v\":3}"));
        CachingContextStore c = instance(new CountingStore(embedded));
        assertThat(c.agents().find("agent", "s", AT)).contains(v3);
        assertThat(count(2, "L2", "hit")).isEqualTo(1);
    }

    @Test
    void corruptL2Value_isDeletedCountedAndReReadFromTheStore() {
        CachingContextStore a = instance(embedded);
        AgentContextEntry stored = a.agents().create(AgentContextEntry.of("agent", "s", AT, "{}"));
        String redisKey = ContextEntryCodec.keyOf(embedded.tables(), stored).redisKey();
        l2.values.put(redisKey, new byte[] {1, 3, 0, 0, 0, 0, 0, 0});
        CachingContextStore b = instance(embedded);

        assertThat(b.agents().find("agent", "s", AT)).contains(stored);
        assertThat(count(1, "L2", "corrupt")).isEqualTo(1);
        assertThat(ContextEntryCodec.decode(l2.values.get(redisKey))).isEqualTo(stored);
    }

    @Test
    void concurrentReadersOfAHotMiss_loadItFromTheStoreOnce() throws Exception {
        embedded.agents().create(AgentContextEntry.of("agent", "hot", AT, "{}"));
        CountDownLatch release = new CountDownLatch(1);
        CountingStore counting = new CountingStore(embedded, release);
        CachingContextStore a = instance(counting);
        l2.values.clear();
        int readers = 16;
        ExecutorService pool = Executors.newFixedThreadPool(readers);
        try {
            List<Future<Optional<AgentContextEntry>>> results = new ArrayList<>();
            for (int i = 0; i < readers; i++) {
                results.add(pool.submit(() -> a.agents().find("agent", "hot", AT)));
            }
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> counting.finds.get() == 1 && a.cache().joinedLoads() == readers - 1);
            release.countDown();

            for (Future<Optional<AgentContextEntry>> result : results) {
                assertThat(result.get(10, TimeUnit.SECONDS)).isPresent();
            }
            assertThat(counting.finds.get()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void loadRacingAWrite_neverPutsTheOlderEntryIntoL1() throws Exception {
        AgentContextEntry v1 = embedded.agents().create(AgentContextEntry.of("agent", "race", AT, "{\"v\":1}"));
        CountDownLatch readV1 = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountingStore slow = new CountingStore(embedded) {
            @Override
            Optional<AgentContextEntry> find(String agentId, String sessionId, Instant timestamp) {
                finds.incrementAndGet();
                Optional<AgentContextEntry> found = delegate.agents().find(agentId, sessionId, timestamp);
                readV1.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return found; // v1, read before the write below
            }
        };
        CachingContextStore a = instance(slow);
        l2.values.clear();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Optional<AgentContextEntry>> loading =
                    pool.submit(() -> a.agents().find("agent", "race", AT));
            assertThat(readV1.await(10, TimeUnit.SECONDS)).isTrue();

            AgentContextEntry v2 = a.agents().update(v1.withPayload("{\"v\":2}"));
            release.countDown();

            assertThat(loading.get(10, TimeUnit.SECONDS)).contains(v1);
            assertThat(a.agents().find("agent", "race", AT)).contains(v2);
            assertThat(slow.finds.get()).as("the second read is an L1 hit").isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void failingLoad_reachesEveryWaitingReaderAndIsNotCached() {
        CachingContextStore a = instance(new CountingStore(embedded) {
            @Override
            Optional<AgentContextEntry> find(String agentId, String sessionId, Instant timestamp) {
                throw new IllegalStateException("store down");
            }
        });

        assertThatExceptionOfType(IllegalStateException.class)
                .isThrownBy(() -> a.agents().find("agent", "s", AT))
                .withMessage("store down");
        assertThat(count(0, "L1", "hit")).isZero();
    }

    /** A store whose agent finds are counted, optionally held until released. */
    static class CountingStore implements ContextStore {
        final ContextStore delegate;
        final AtomicInteger finds = new AtomicInteger();
        private final CountDownLatch release;

        CountingStore(ContextStore delegate) {
            this(delegate, new CountDownLatch(0));
        }

        CountingStore(ContextStore delegate, CountDownLatch release) {
            this.delegate = delegate;
            this.release = release;
        }

        Optional<AgentContextEntry> find(String agentId, String sessionId, Instant timestamp) {
            finds.incrementAndGet();
            try {
                if (!release.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return delegate.agents().find(agentId, sessionId, timestamp);
        }

        @Override
        public ai.socagent.contextstore.GlobalContextRepository global() {
            return delegate.global();
        }

        @Override
        public ai.socagent.contextstore.InvestigationContextRepository investigations() {
            return delegate.investigations();
        }

        @Override
        public AgentContextRepository agents() {
            AgentContextRepository agents = delegate.agents();
            CountingStore self = this;
            return new AgentContextRepository() {
                @Override
                public AgentContextEntry create(AgentContextEntry entry) {
                    return agents.create(entry);
                }

                @Override
                public AgentContextEntry update(AgentContextEntry entry) {
                    return agents.update(entry);
                }

                @Override
                public Optional<AgentContextEntry> find(String agentId, String sessionId, Instant timestamp) {
                    return self.find(agentId, sessionId, timestamp);
                }

                @Override
                public ai.socagent.contextstore.Page<AgentContextEntry> findBySession(
                        String agentId,
                        String sessionId,
                        ai.socagent.contextstore.TimeRange range,
                        ai.socagent.contextstore.PageRequest page) {
                    return agents.findBySession(agentId, sessionId, range, page);
                }
            };
        }

        @Override
        public ContextTables tables() {
            return delegate.tables();
        }

        @Override
        public void close() {}
    }
}
