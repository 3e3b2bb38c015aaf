package ai.socagent.services.socapi.adapter.out.redis;

import ai.socagent.services.socapi.application.port.out.ClientAllowancePort;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
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
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The clients' buckets shared by the fleet ({@code soc.api.throttle.shared=redis}): one Bucket4j
 * bucket per client in Redis, {@code <prefix><client>} ({@code burst} tokens refilled greedily at
 * {@code ratePerSecond}), over Bucket4j's compare-and-swap proxy manager for Lettuce, so every
 * instance takes from the same bucket. A key expires 10 s after its bucket would be full again: an
 * idle client leaves nothing behind. A bucket's configuration is the one of the instance that
 * created it (until it expires); buckets refill by the instances' clocks (NTP-synchronised).
 *
 * <p>The connection is one more connection of the application's Redis client (the native Lettuce
 * client of the {@code spring.data.redis.*} connection factory: its URI, timeouts and fail-fast
 * options), with a byte-array codec; opened on first use, closed by {@link #close()}.
 *
 * <p>Fails open to this instance's buckets ({@code fallback}): a throttle guards the API's capacity,
 * it is no authorisation, and refusing every caller because the throttle's own store is down would
 * turn a Redis outage into an API outage. While Redis fails (connect refused, a command rejected or
 * later than the command timeout) each request takes its token from {@code fallback} instead, so a
 * client still gets at most n times its rate from n instances, as without Redis. A circuit breaker
 * (Resilience4j) stops asking Redis once half of the last 20 calls (5 at least) failed, for {@code
 * retryInterval}, then lets one call through to find out: a stalled Redis costs a few requests one
 * command timeout each, not every request. Every fallback is counted, {@code
 * soc.api.throttle.fallbacks} (tag {@code reason}: {@code redis-error} or {@code circuit-open}); the
 * breaker's opening is logged as a warning with the cause, its closing at info.
 */
public final class RedisClientAllowances implements ClientAllowancePort, AutoCloseable {

    /** Default key prefix. */
    public static final String DEFAULT_PREFIX = "soc:api-throttle:";

    /** How long a bucket's key outlives the moment its bucket would be full again. */
    static final Duration KEEP_AFTER_REFILL = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(RedisClientAllowances.class);

    /**
     * @param ratePerSecond tokens a bucket gains per second
     * @param burst a bucket's capacity
     * @param prefix of the buckets' Redis keys
     * @param retryInterval how long Redis is not asked after the breaker opened
     */
    public record Settings(long ratePerSecond, long burst, String prefix, Duration retryInterval) {

        public Settings {
            if (ratePerSecond < 1 || burst < 1) {
                throw new IllegalArgumentException("rate and burst must be positive");
            }
            Objects.requireNonNull(prefix, "prefix");
            Objects.requireNonNull(retryInterval, "retryInterval");
        }
    }

    /** A connection of the application's client and the proxy manager over it. */
    record Store(ProxyManager<byte[]> buckets, Runnable connection, BooleanSupplier open) {}

    private final Supplier<Store> connector;
    private final ClientAllowancePort fallback;
    private final String prefix;
    private final BucketConfiguration configuration;
    private final CircuitBreaker breaker;
    private final Counter redisErrors;
    private final Counter circuitOpen;
    private final Object connecting = new Object();
    private volatile Store store;
    private volatile Throwable lastError;
    private volatile boolean closed;

    RedisClientAllowances(
            Supplier<Store> connector, ClientAllowancePort fallback, Settings settings, MeterRegistry meters) {
        this.connector = Objects.requireNonNull(connector, "connector");
        this.fallback = Objects.requireNonNull(fallback, "fallback");
        this.prefix = settings.prefix();
        this.configuration = BucketConfiguration.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(settings.burst())
                        .refillGreedy(settings.ratePerSecond(), Duration.ofSeconds(1))
                        .build())
                .build();
        this.breaker = CircuitBreaker.of(
                "soc-api-throttle-redis",
                CircuitBreakerConfig.custom()
                        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                        .slidingWindowSize(20)
                        .minimumNumberOfCalls(5)
                        .failureRateThreshold(50)
                        .waitDurationInOpenState(settings.retryInterval())
                        .permittedNumberOfCallsInHalfOpenState(1)
                        .build());
        this.breaker.getEventPublisher().onStateTransition(event -> {
            switch (event.getStateTransition().getToState()) {
                case OPEN ->
                    log.warn(
                            "throttle: Redis unreachable, each client's requests are counted in this instance only"
                                    + " for {} (then Redis is tried again)",
                            settings.retryInterval(),
                            lastError);
                case CLOSED -> log.info("throttle: Redis answers again, the clients' buckets are the fleet's");
                default -> {}
            }
        });
        Objects.requireNonNull(meters, "meters");
        this.redisErrors = fallbacks(meters, "redis-error");
        this.circuitOpen = fallbacks(meters, "circuit-open");
    }

    private static Counter fallbacks(MeterRegistry meters, String reason) {
        return Counter.builder("soc.api.throttle.fallbacks")
                .tag("reason", reason)
                .description("Requests throttled by this instance's buckets because Redis failed or was not asked")
                .register(meters);
    }

    /**
     * Over one more connection of {@code factory}'s client (the application's {@code
     * spring.data.redis.*}), each Bucket4j request bounded by the factory's command timeout.
     *
     * @param fallback this instance's buckets, taken from while Redis fails
     */
    public static RedisClientAllowances over(
            LettuceConnectionFactory factory, ClientAllowancePort fallback, Settings settings, MeterRegistry meters) {
        return over(factory, fallback, settings, meters, Optional.empty());
    }

    /** The same, the buckets refilled by {@code clock} (tests: instances that share a clock of their own). */
    public static RedisClientAllowances over(
            LettuceConnectionFactory factory,
            ClientAllowancePort fallback,
            Settings settings,
            MeterRegistry meters,
            Optional<TimeMeter> clock) {
        Objects.requireNonNull(factory, "factory");
        Duration commandTimeout = factory.getClientConfiguration().getCommandTimeout();
        return new RedisClientAllowances(
                () -> connect(factory.getRequiredNativeClient(), commandTimeout, clock), fallback, settings, meters);
    }

    private static Store connect(AbstractRedisClient client, Duration commandTimeout, Optional<TimeMeter> clock) {
        ExpirationAfterWriteStrategy expiration =
                ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_AFTER_REFILL);
        return switch (client) {
            case RedisClient standalone -> {
                StatefulRedisConnection<byte[], byte[]> connection = standalone.connect(ByteArrayCodec.INSTANCE);
                var builder = Bucket4jLettuce.casBasedBuilder(connection)
                        .expirationAfterWrite(expiration)
                        .requestTimeout(commandTimeout);
                clock.ifPresent(builder::clientClock);
                yield new Store(builder.build(), connection::close, connection::isOpen);
            }
            case RedisClusterClient cluster -> {
                StatefulRedisClusterConnection<byte[], byte[]> connection = cluster.connect(ByteArrayCodec.INSTANCE);
                var builder = Bucket4jLettuce.casBasedBuilder(connection)
                        .expirationAfterWrite(expiration)
                        .requestTimeout(commandTimeout);
                clock.ifPresent(builder::clientClock);
                yield new Store(builder.build(), connection::close, connection::isOpen);
            }
            default -> throw new IllegalStateException("no Bucket4j proxy manager for a " + client.getClass());
        };
    }

    /** The Redis key of a client's bucket. */
    public String redisKey(String client) {
        return prefix + client;
    }

    @Override
    public Consumption tryTake(String client) {
        try {
            return breaker.executeSupplier(() -> take(client));
        } catch (CallNotPermittedException e) {
            circuitOpen.increment();
            return fallback.tryTake(client);
        } catch (RuntimeException e) {
            lastError = e;
            redisErrors.increment();
            return fallback.tryTake(client);
        }
    }

    private Consumption take(String client) {
        Store current = store();
        ConsumptionProbe probe = current.buckets()
                .builder()
                .build(redisKey(client).getBytes(StandardCharsets.UTF_8), () -> configuration)
                .tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? new Consumption(true, 0) : new Consumption(false, probe.getNanosToWaitForRefill());
    }

    private Store store() {
        Store current = store;
        if (current != null) {
            return current;
        }
        synchronized (connecting) {
            if (closed) {
                throw new IllegalStateException("closed");
            }
            if (store == null) {
                store = connector.get();
            }
            return store;
        }
    }

    /** Whether the connection to Redis is open (opened on first use, closed by {@link #close()}). */
    public boolean connected() {
        Store current = store;
        return current != null && current.open().getAsBoolean();
    }

    /** The breaker's state: {@code CLOSED} while Redis is asked, {@code OPEN} while it is not. */
    public CircuitBreaker.State circuit() {
        return breaker.getState();
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
}
