package ai.socagent.agentruntime.adapter.out.redis;

import ai.socagent.agentruntime.model.ModelCallGate;
import ai.socagent.agentruntime.model.ModelRates;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The models' requests and tokens per minute shared by the fleet ({@code
 * soc.agent-runtime.limits.shared=redis}): two Bucket4j buckets per model in Redis, {@code
 * <prefix><model id>:requests} (a second's allowance, refilled every second) and {@code <prefix><model
 * id>:tokens} (10 s's), over Bucket4j's compare-and-swap proxy manager for Lettuce. A key expires
 * 10 s after its bucket would be full again, so an idle model leaves nothing behind. Waiting for a
 * permit is a reservation in Redis, then a park of the calling (virtual) thread here; no Redis
 * command waits. A bucket's configuration is the one of the instance that created it; the buckets
 * refill by the clients' clocks (the fleet's clocks are NTP-synchronised).
 *
 * <p>The connection is one more connection of the application's Redis client (the native Lettuce
 * client of the {@code spring.data.redis.*} connection factory, its URI, timeouts and fail-fast
 * options), with a byte-array codec; it is opened on first use and closed by {@link #close()}.
 *
 * <p>Fails open, visibly: when Redis is unreachable (or answers later than the command timeout) a
 * call takes its permits from the process's own limiter ({@code fallback}) instead, counted as
 * {@code soc.model.calls.quota-store-errors} (tag {@code model}) and logged at most once per {@code
 * retryInterval}; after a failed connect no connect is tried for {@code retryInterval}.
 */
public final class RedisModelRates implements ModelRates, AutoCloseable {

    /** Default key prefix. */
    public static final String DEFAULT_PREFIX = "soc:model-quota:";

    /** How long a bucket's key outlives the moment its bucket would be full again. */
    static final Duration KEEP_AFTER_REFILL = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(RedisModelRates.class);

    /** A connection of the application's client and the proxy manager over it. */
    record Store(ProxyManager<byte[]> buckets, Runnable connection, BooleanSupplier open) {}

    private final Supplier<Store> connector;
    private final ModelRates fallback;
    private final String prefix;
    private final Duration retryInterval;
    private final MeterRegistry meters;
    private final LongSupplier nanoTime;
    private final Map<String, ModelBuckets> models = new ConcurrentHashMap<>();
    private final Map<String, Counter> errors = new ConcurrentHashMap<>();
    private final AtomicLong nextLog;
    private final AtomicLong unlogged = new AtomicLong();
    private final Object connecting = new Object();
    private volatile Store store;
    private volatile long nextConnect;
    private volatile boolean closed;

    RedisModelRates(
            Supplier<Store> connector,
            ModelRates fallback,
            String prefix,
            Duration retryInterval,
            MeterRegistry meters,
            LongSupplier nanoTime) {
        this.connector = Objects.requireNonNull(connector, "connector");
        this.fallback = Objects.requireNonNull(fallback, "fallback");
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.retryInterval = Objects.requireNonNull(retryInterval, "retryInterval");
        this.meters = Objects.requireNonNull(meters, "meters");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        long now = nanoTime.getAsLong();
        this.nextLog = new AtomicLong(now);
        this.nextConnect = now;
    }

    /**
     * Over one more connection of {@code factory}'s client (the application's {@code
     * spring.data.redis.*}), each Bucket4j request bounded by the factory's command timeout.
     *
     * @param fallback the process's limiter, taken while Redis is unreachable
     * @param retryInterval how long no connect is tried after a failed one; also how often errors are logged
     */
    public static RedisModelRates over(
            LettuceConnectionFactory factory,
            ModelRates fallback,
            String prefix,
            Duration retryInterval,
            MeterRegistry meters) {
        Objects.requireNonNull(factory, "factory");
        Duration commandTimeout = factory.getClientConfiguration().getCommandTimeout();
        return new RedisModelRates(
                () -> connect(factory.getRequiredNativeClient(), commandTimeout),
                fallback,
                prefix,
                retryInterval,
                meters,
                System::nanoTime);
    }

    private static Store connect(AbstractRedisClient client, Duration commandTimeout) {
        ExpirationAfterWriteStrategy expiration =
                ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_AFTER_REFILL);
        return switch (client) {
            case RedisClient standalone -> {
                StatefulRedisConnection<byte[], byte[]> connection = standalone.connect(ByteArrayCodec.INSTANCE);
                yield new Store(
                        Bucket4jLettuce.casBasedBuilder(connection)
                                .expirationAfterWrite(expiration)
                                .requestTimeout(commandTimeout)
                                .build(),
                        connection::close,
                        connection::isOpen);
            }
            case RedisClusterClient cluster -> {
                StatefulRedisClusterConnection<byte[], byte[]> connection = cluster.connect(ByteArrayCodec.INSTANCE);
                yield new Store(
                        Bucket4jLettuce.casBasedBuilder(connection)
                                .expirationAfterWrite(expiration)
                                .requestTimeout(commandTimeout)
                                .build(),
                        connection::close,
                        connection::isOpen);
            }
            default -> throw new IllegalStateException("no Bucket4j proxy manager for a " + client.getClass());
        };
    }

    /** The Redis key of a model's bucket ({@code requests} or {@code tokens}). */
    public String redisKey(String modelId, String bucket) {
        return prefix + modelId + ':' + bucket;
    }

    @Override
    public boolean acquire(String modelId, ModelCallGate.Quota quota, long tokens, Duration maxWait) {
        ModelBuckets buckets;
        try {
            buckets = buckets(modelId, quota);
        } catch (RuntimeException e) {
            return fallBack(modelId, quota, tokens, maxWait, e);
        }
        if (buckets == null) { // no connection (a connect failed less than retryInterval ago)
            return fallBack(modelId, quota, tokens, maxWait, null);
        }
        try {
            return buckets.requests.asBlocking().tryConsume(1, maxWait)
                    && buckets.tokens.asBlocking().tryConsume(tokens, maxWait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (RuntimeException e) {
            return fallBack(modelId, quota, tokens, maxWait, e);
        }
    }

    private boolean fallBack(
            String modelId, ModelCallGate.Quota quota, long tokens, Duration maxWait, RuntimeException cause) {
        errors.computeIfAbsent(
                        modelId,
                        model -> Counter.builder("soc.model.calls.quota-store-errors")
                                .tag("model", model)
                                .description(
                                        "Model calls whose rate permits came from this process because Redis failed")
                                .register(meters))
                .increment();
        unlogged.incrementAndGet();
        long now = nanoTime.getAsLong();
        long due = nextLog.get();
        if (now - due >= 0 && nextLog.compareAndSet(due, now + retryInterval.toNanos())) {
            log.warn(
                    "model quotas: Redis unreachable, {} call(s) took this process's limits instead (next report in"
                            + " {} at the earliest)",
                    unlogged.getAndSet(0),
                    retryInterval,
                    cause);
        }
        return fallback.acquire(modelId, quota, tokens, maxWait);
    }

    private ModelBuckets buckets(String modelId, ModelCallGate.Quota quota) {
        Store current = store();
        if (current == null) {
            return null;
        }
        ModelBuckets existing = models.get(modelId);
        if (existing != null && existing.store == current) {
            return existing;
        }
        ModelBuckets made = new ModelBuckets(
                current,
                bucket(current, redisKey(modelId, "requests"), ModelRates.requestsPerPeriod(quota), REQUEST_PERIOD),
                bucket(current, redisKey(modelId, "tokens"), ModelRates.tokensPerPeriod(quota), TOKEN_PERIOD));
        models.put(modelId, made);
        return made;
    }

    private static BucketProxy bucket(Store store, String key, long perPeriod, Duration period) {
        BucketConfiguration configuration = BucketConfiguration.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(perPeriod)
                        .refillIntervally(perPeriod, period)
                        .build())
                .build();
        return store.buckets().builder().build(key.getBytes(StandardCharsets.UTF_8), () -> configuration);
    }

    private Store store() {
        Store current = store;
        if (current != null || closed) {
            return current;
        }
        synchronized (connecting) {
            if (store != null || closed || nanoTime.getAsLong() - nextConnect < 0) {
                return store;
            }
            try {
                store = connector.get();
                return store;
            } catch (RuntimeException e) {
                nextConnect = nanoTime.getAsLong() + retryInterval.toNanos();
                throw e;
            }
        }
    }

    /** Whether the connection to Redis is open (opened on first use, closed by {@link #close()}). */
    public boolean connected() {
        Store current = store;
        return current != null && current.open().getAsBoolean();
    }

    /** Closes the connection (the client stays the application's). */
    @Override
    public void close() {
        synchronized (connecting) {
            closed = true;
            Store current = store;
            store = null;
            if (current != null) {
                current.connection().run();
            }
        }
    }

    private record ModelBuckets(Store store, BucketProxy requests, BucketProxy tokens) {}
}
