package ai.socagent.contextstore.adapter.out.redis;

import ai.socagent.contextstore.cache.CacheKey;
import ai.socagent.contextstore.cache.ContextCache;
import ai.socagent.contextstore.cache.ContextEntryCodec;
import ai.socagent.contextstore.cache.CorruptCacheEntryException;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * L2 in Redis through Lettuce. Keys {@code ctx:<table>:<pk>:<sk>}, values {@link ContextEntryCodec}
 * bytes with {@code PX} = the TTL given. Writes and invalidations publish {@code <instance
 * id>\n<key>} on {@value #CHANNEL}; each instance drops the key from its L1 unless it sent the
 * message itself.
 *
 * <p>Built to fail fast: every command has a short timeout, commands are rejected (not queued)
 * while disconnected, the connection is made lazily (so an application starts while Redis is down)
 * and Lettuce reconnects in the background at most a second apart, re-subscribing the channel.
 */
public final class RedisL2Cache implements ContextCache {

    public static final String CHANNEL = "ctx:invalidations";

    private final RedisClient client;
    private final ClientResources resources;
    private final String instanceId = UUID.randomUUID().toString();
    private final List<Consumer<CacheKey>> listeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> missedListeners = new CopyOnWriteArrayList<>();
    private volatile StatefulRedisConnection<String, byte[]> connection;
    private volatile StatefulRedisPubSubConnection<String, String> subscription;
    private volatile boolean closed;
    private final AtomicBoolean subscriptionConnected = new AtomicBoolean();

    private RedisL2Cache(RedisURI uri, Duration commandTimeout) {
        this.resources = ClientResources.builder()
                .reconnectDelay(Delay.exponential(
                        Duration.ofMillis(10), Duration.ofSeconds(1), 2, java.util.concurrent.TimeUnit.MILLISECONDS))
                .build();
        uri.setTimeout(commandTimeout);
        this.client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
                .socketOptions(SocketOptions.builder()
                        .connectTimeout(commandTimeout.multipliedBy(5))
                        .build())
                .build());
        // Messages published while the subscription was reconnecting are lost: say so when it is back.
        client.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> handler, SocketAddress address) {
                // One subscription per cache: its first connect is the start, every later one a
                // reconnect (the event may arrive before or after the field is set, so no identity check).
                if (handler instanceof StatefulRedisPubSubConnection<?, ?>
                        && subscriptionConnected.getAndSet(true)
                        && !closed) {
                    missedListeners.forEach(Runnable::run);
                }
            }
        });
    }

    /**
     * A cache on {@code uri}; nothing is connected until the first call.
     *
     * @param commandTimeout how long one command may take before it counts as a failure (50-100 ms)
     */
    public static RedisL2Cache create(String uri, Duration commandTimeout) {
        return new RedisL2Cache(RedisURI.create(Objects.requireNonNull(uri, "uri")), commandTimeout);
    }

    /** This instance's id in invalidation messages. */
    public String instanceId() {
        return instanceId;
    }

    @Override
    public Optional<Object> get(CacheKey key) {
        RedisCommands<String, byte[]> redis = commands();
        String redisKey = key.redisKey();
        byte[] value = redis.get(redisKey);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ContextEntryCodec.decode(value));
        } catch (CorruptCacheEntryException e) {
            redis.del(redisKey);
            throw e;
        }
    }

    @Override
    public void store(CacheKey key, Object entry, Duration ttl) {
        RedisCommands<String, byte[]> redis = commands();
        redis.set(key.redisKey(), ContextEntryCodec.encode(entry), SetArgs.Builder.px(ttl.toMillis()));
        publish(key);
    }

    @Override
    public void fill(CacheKey key, Object entry, Duration ttl) {
        commands()
                .set(
                        key.redisKey(),
                        ContextEntryCodec.encode(entry),
                        SetArgs.Builder.nx().px(ttl.toMillis()));
    }

    @Override
    public void invalidate(CacheKey key) {
        commands().del(key.redisKey());
        publish(key);
    }

    @Override
    public void ping() {
        commands().ping();
    }

    @Override
    public void onRemoteInvalidation(Consumer<CacheKey> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void onMissedInvalidations(Runnable listener) {
        missedListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Connects now (the cache also connects on first use); fails when Redis does not answer. */
    public RedisL2Cache connect() {
        commands();
        return this;
    }

    @Override
    public void close() {
        closed = true;
        synchronized (this) {
            if (subscription != null) {
                subscription.close();
            }
            if (connection != null) {
                connection.close();
            }
        }
        client.shutdown();
        resources.shutdown();
    }

    private void publish(CacheKey key) {
        commands()
                .publish(
                        CHANNEL,
                        (instanceId + "\n" + key.redisKey()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private RedisCommands<String, byte[]> commands() {
        StatefulRedisConnection<String, byte[]> current = connection;
        if (current != null) {
            return current.sync();
        }
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the Redis context cache is closed");
            }
            if (connection == null) {
                StatefulRedisPubSubConnection<String, String> pubSub = client.connectPubSub();
                try {
                    pubSub.addListener(new RedisPubSubAdapter<>() {
                        @Override
                        public void message(String channel, String message) {
                            received(message);
                        }
                    });
                    pubSub.sync().subscribe(CHANNEL);
                    connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
                } catch (RuntimeException e) {
                    pubSub.close();
                    throw e;
                }
                subscription = pubSub;
            }
            return connection.sync();
        }
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
}
