package ai.socagent.contextstore.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.socagent.contextstore.ContextStoreException;
import ai.socagent.contextstore.ContextTables;
import ai.socagent.contextstore.ContextVersionConflictException;
import ai.socagent.contextstore.GlobalContextEntry;
import ai.socagent.contextstore.adapter.out.dynamodb.ContextTableProvisioner;
import ai.socagent.contextstore.adapter.out.dynamodb.DynamoDbContextStore;
import ai.socagent.contextstore.adapter.out.redis.RedisL2Cache;
import ai.socagent.contextstore.cache.CacheKey;
import ai.socagent.contextstore.cache.CachingContextStore;
import ai.socagent.contextstore.cache.CaffeineL1Cache;
import ai.socagent.contextstore.cache.TieredContextCache;
import ai.socagent.redis.config.FailFastRedisAutoConfiguration;
import ai.socagent.testsupport.backends.AwsEndpoint;
import ai.socagent.testsupport.backends.TestBackends;
import ai.socagent.testsupport.faults.FaultInjectingProxy;
import ai.socagent.testsupport.faults.FaultInjectingProxy.Fault;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The cache tiers must not hide DynamoDB errors: a write DynamoDB refused (throttling, 5xx after the
 * retries) reaches the caller, and neither L1 nor the real Redis L2 holds the value that was not
 * written; a write whose answer was lost is dropped from both tiers so the next read sees the store.
 */
class CachingStoreFaultsIT {

    private static final String PUT = "DynamoDB_20120810.PutItem";
    private static final ContextTables TABLES = ContextTables.forEnvironment(TestBackends.uniqueName("faultcache"));

    private static DynamoDbClient direct;
    private static DynamoDbClient throughProxy;
    private static FaultInjectingProxy proxy;
    private static DynamoDbContextStore moto;

    private CaffeineL1Cache l1;
    private LettuceConnectionFactory redis;
    private RedisL2Cache l2;
    private CachingContextStore store;

    @BeforeAll
    static void start() {
        AwsEndpoint aws = TestBackends.aws();
        direct = aws.configure(DynamoDbClient.builder()).build();
        ContextTableProvisioner.create(direct, TABLES).provision();
        proxy = FaultInjectingProxy.start(aws.endpoint());
        throughProxy = DynamoDbClient.builder()
                .endpointOverride(proxy.endpoint())
                .region(aws.region())
                .credentialsProvider(aws.credentials())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
        moto = DynamoDbContextStore.create(direct, TABLES);
    }

    @AfterAll
    static void stop() {
        if (direct != null) {
            TABLES.names().forEach(n -> direct.deleteTable(r -> r.tableName(n)));
            direct.close();
        }
        if (throughProxy != null) {
            throughProxy.close();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    @BeforeEach
    void open() {
        Clock clock = Clock.systemUTC();
        l1 = new CaffeineL1Cache(1_000, Duration.ofMinutes(5), clock);
        // a generous timeout: on a loaded machine a slow Redis would otherwise bypass L2 and prove nothing
        redis = FailFastRedisAutoConfiguration.failFastConnectionFactory(
                TestBackends.redis().uri().toString(), Duration.ofSeconds(2));
        l2 = RedisL2Cache.create(redis).connect();
        TieredContextCache tiers = new TieredContextCache(
                l1, l2, Duration.ofMinutes(10), Duration.ofSeconds(5), clock, new SimpleMeterRegistry());
        store = CachingContextStore.wrap(DynamoDbContextStore.create(throughProxy, TABLES), tiers);
    }

    @AfterEach
    void close() {
        proxy.clearFaults().resetCounts();
        store.close();
        l2.close();
        redis.destroy();
    }

    private static CacheKey key(GlobalContextEntry entry) {
        return new CacheKey(TABLES.nameOf(ContextTables.GLOBAL), entry.contextType(), entry.sortKey());
    }

    private static GlobalContextEntry newEntry(String payload) {
        return GlobalContextEntry.of(
                "fault-" + UUID.randomUUID(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS),
                "item-1",
                null,
                null,
                payload);
    }

    private static Optional<String> payloadIn(Optional<Object> cached) {
        return cached.map(entry -> ((GlobalContextEntry) entry).payload());
    }

    @Test
    void failedCreate_surfacesTheErrorAndCachesNothing() {
        GlobalContextEntry entry = newEntry("{\"n\":1}");
        proxy.failAlways(PUT, Fault.provisionedThroughputExceeded());

        assertThatThrownBy(() -> store.global().create(entry))
                .isExactlyInstanceOf(ContextStoreException.class)
                .hasMessageContaining("throttled");

        assertThat(l1.get(key(entry))).isNull();
        assertThat(l2.get(key(entry))).isEmpty();
        assertThat(store.global().find(entry.contextType(), entry.timestamp(), entry.itemId()))
                .isEmpty();
        assertThat(moto.global().find(entry.contextType(), entry.timestamp(), entry.itemId()))
                .isEmpty();
    }

    @Test
    void failedUpdate_surfacesTheErrorAndTheTiersKeepTheStoredVersion() {
        GlobalContextEntry v1 = store.global().create(newEntry("{\"state\":\"old\"}"));
        assertThat(payloadIn(l2.get(key(v1)))).contains("{\"state\":\"old\"}");
        proxy.failAlways(PUT, Fault.internalServerError());

        assertThatThrownBy(() -> store.global().update(v1.withPayload("{\"state\":\"new\"}")))
                .isExactlyInstanceOf(ContextStoreException.class)
                .hasMessageContaining("service error (HTTP 500)");

        assertThat(l1.get(key(v1))).isEqualTo(v1);
        assertThat(payloadIn(l2.get(key(v1)))).contains("{\"state\":\"old\"}");
        assertThat(store.global().find(v1.contextType(), v1.timestamp(), v1.itemId()))
                .get()
                .extracting(GlobalContextEntry::payload, GlobalContextEntry::version)
                .containsExactly("{\"state\":\"old\"}", 1L);
        assertThat(moto.global().find(v1.contextType(), v1.timestamp(), v1.itemId()))
                .get()
                .extracting(GlobalContextEntry::version)
                .isEqualTo(1L);
    }

    @Test
    void updateWhoseAnswerIsLost_dropsTheKeyFromBothTiersSoTheNextReadSeesTheStore() {
        GlobalContextEntry v1 = store.global().create(newEntry("{\"state\":\"old\"}"));
        proxy.loseResponses(PUT, 1, Fault.serviceUnavailable());

        assertThatThrownBy(() -> store.global().update(v1.withPayload("{\"state\":\"new\"}")))
                .isInstanceOf(ContextVersionConflictException.class);

        assertThat(l1.get(key(v1))).isNull();
        assertThat(l2.get(key(v1))).isEmpty();
        assertThat(store.global().find(v1.contextType(), v1.timestamp(), v1.itemId()))
                .get()
                .extracting(GlobalContextEntry::payload, GlobalContextEntry::version)
                .containsExactly("{\"state\":\"new\"}", 2L);
    }
}
