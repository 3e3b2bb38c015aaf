package ai.socagent.contextstore.adapter.out.redis;

import ai.socagent.contextstore.cache.CacheKey;
import ai.socagent.contextstore.cache.ContextCache;
import ai.socagent.contextstore.cache.ContextEntryCodec;
import ai.socagent.contextstore.cache.CorruptCacheEntryException;
import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.serializer.RedisSerializer;

/**
 * L2 in Redis through Spring Data Redis, over the application's one {@link LettuceConnectionFactory}
 * ({@code spring.data.redis.*}). Keys {@code ctx:<table>:<pk>:<sk>}, values {@link ContextEntryCodec}
 * bytes with {@code PX} = the TTL given. Writes and invalidations publish {@code <instance
 * id>\n<key>} on {@value #CHANNEL}; each instance drops the key from its L1 unless it sent the
 * message itself.
 *
 * <p>Commands go over the factory's shared connection. Fail-fast behaviour (a short command timeout,
 * commands rejected while disconnected, reconnects at most a second apart) is the factory's client's:
 * see the context store's auto-configuration. Subscribing needs a connection of its own (Redis
 * protocol): it is opened lazily, on first use (so an application starts while Redis is down), from
 * the same Lettuce client, which re-subscribes after a reconnect; every confirmation of the
 * subscription after the first follows a lost connection and is reported to {@link
 * #onMissedInvalidations}.
 */
public final class RedisL2Cache implements ContextCache {

    public static final String CHANNEL = "ctx:invalidations";

    private final LettuceConnectionFactory connectionFactory;
    private final RedisTemplate<String, byte[]> redis;
    private final String instanceId = UUID.randomUUID().toString();
    private final List<Consumer<CacheKey>> listeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> missedListeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean subscribedOnce = new AtomicBoolean();
    private volatile StatefulRedisPubSubConnection<String, String> subscription;
    private volatile boolean closed;

    private RedisL2Cache(LettuceConnectionFactory connectionFactory) {
        this.connectionFactory = connectionFactory;
        RedisTemplate<String, byte[]> template = new RedisTemplate<>();
        template.setConnectionFactory(connectionFactory);
        template.setKeySerializer(RedisSerializer.string());
        template.setValueSerializer(RedisSerializer.byteArray());
        template.setEnableDefaultSerializer(false);
        template.afterPropertiesSet();
        this.redis = template;
    }

    /** A cache over {@code connectionFactory}; nothing is connected or subscribed until the first call. */
    public static RedisL2Cache create(LettuceConnectionFactory connectionFactory) {
        return new RedisL2Cache(Objects.requireNonNull(connectionFactory, "connectionFactory"));
    }

    /** The connection factory this cache uses (the application's one). */
    public LettuceConnectionFactory connectionFactory() {
        return connectionFactory;
    }

    /** This instance's id in invalidation messages. */
    public String instanceId() {
        return instanceId;
    }

    @Override
    public Optional<Object> get(CacheKey key) {
        subscribe();
        String redisKey = key.redisKey();
        byte[] value = redis.opsForValue().get(redisKey);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ContextEntryCodec.decode(value));
        } catch (CorruptCacheEntryException e) {
            redis.delete(redisKey);
            throw e;
        }
    }

    @Override
    public void store(CacheKey key, Object entry, Duration ttl) {
        subscribe();
        redis.opsForValue().set(key.redisKey(), ContextEntryCodec.encode(entry), ttl);
        publish(key);
    }

    @Override
    public void fill(CacheKey key, Object entry, Duration ttl) {
        subscribe();
        redis.opsForValue().setIfAbsent(key.redisKey(), ContextEntryCodec.encode(entry), ttl);
    }

    @Override
    public void invalidate(CacheKey key) {
        subscribe();
        redis.delete(key.redisKey());
        publish(key);
    }

    @Override
    public void ping() {
        subscribe();
        redis.execute((RedisCallback<String>) RedisConnection::ping);
    }

    @Override
    public void onRemoteInvalidation(Consumer<CacheKey> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void onMissedInvalidations(Runnable listener) {
        missedListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Subscribes and checks Redis answers now (the cache also does both on first use); fails when
     * Redis does not answer.
     */
    public RedisL2Cache connect() {
        ping();
        return this;
    }

    /** Closes the subscription; the connection factory is the application's and stays open. */
    @Override
    public void close() {
        StatefulRedisPubSubConnection<String, String> current;
        synchronized (this) {
            closed = true;
            current = subscription;
            subscription = null;
        }
        if (current != null) {
            current.close();
        }
    }

    private void subscribe() {
        if (subscription != null) {
            return;
        }
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the Redis context cache is closed");
            }
            if (subscription != null) {
                return;
            }
            RedisClient client = (RedisClient) connectionFactory.getRequiredNativeClient();
            StatefulRedisPubSubConnection<String, String> pubSub = client.connectPubSub();
            try {
                pubSub.addListener(new Invalidations());
                pubSub.sync().subscribe(CHANNEL);
            } catch (RuntimeException e) {
                pubSub.close();
                throw e;
            }
            subscription = pubSub;
        }
    }

    private void publish(CacheKey key) {
        redis.convertAndSend(CHANNEL, (instanceId + "\n" + key.redisKey()).getBytes(StandardCharsets.UTF_8));
    }

    private void received(String message) {
        int separator = message.indexOf('\n');
        if (separator < 0 || message.regionMatches(0, instanceId, 0, separator) && separator == instanceId.length()) {
            return;
        }
        CacheKey key;
        try {
            key = CacheKey.parse(message.substring(separator + 1));
        } catch (IllegalArgumentException e) {
            return;
        }
        listeners.forEach(listener -> listener.accept(key));
    }

    /** The invalidation channel's messages, and its (re-)subscriptions. */
    private final class Invalidations extends RedisPubSubAdapter<String, String> {

        @Override
        public void message(String channel, String message) {
            received(message);
        }

        @Override
        public void subscribed(String channel, long count) {
            // The first confirmation is the start; every later one is Lettuce re-subscribing after a
            // lost connection, while which messages on the channel did not reach this instance.
            if (subscribedOnce.getAndSet(true) && !closed) {
                missedListeners.forEach(Runnable::run);
            }
        }
    }
}
