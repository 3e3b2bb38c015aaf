package ai.socagent.contextstore.cache;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A shared L2 for unit tests: instances made from one {@link Shared} see the same values and each
 * other's invalidations, like instances sharing a Redis. {@link Shared#down} makes every call fail.
 */
final class InMemoryContextCache implements ContextCache {

    static final class Shared {
        final Map<String, byte[]> values = new ConcurrentHashMap<>();
        final Map<String, Duration> ttls = new ConcurrentHashMap<>();
        final List<InMemoryContextCache> members = new CopyOnWriteArrayList<>();
        volatile boolean down;

        InMemoryContextCache member() {
            InMemoryContextCache cache = new InMemoryContextCache(this);
            members.add(cache);
            return cache;
        }
    }

    private final Shared shared;
    private final String id = UUID.randomUUID().toString();
    private final List<Consumer<CacheKey>> listeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> missed = new CopyOnWriteArrayList<>();

    private InMemoryContextCache(Shared shared) {
        this.shared = shared;
    }

    private void check() {
        if (shared.down) {
            throw new IllegalStateException("L2 is down");
        }
    }

    @Override
    public Optional<Object> get(CacheKey key) {
        check();
        byte[] value = shared.values.get(key.redisKey());
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ContextEntryCodec.decode(value));
        } catch (CorruptCacheEntryException e) {
            shared.values.remove(key.redisKey());
            throw e;
        }
    }

    @Override
    public void store(CacheKey key, Object entry, Duration ttl) {
        check();
        shared.values.put(key.redisKey(), ContextEntryCodec.encode(entry));
        shared.ttls.put(key.redisKey(), ttl);
        publish(key);
    }

    @Override
    public void fill(CacheKey key, Object entry, Duration ttl) {
        check();
        if (shared.values.putIfAbsent(key.redisKey(), ContextEntryCodec.encode(entry)) == null) {
            shared.ttls.put(key.redisKey(), ttl);
        }
    }

    @Override
    public void invalidate(CacheKey key) {
        check();
        shared.values.remove(key.redisKey());
        publish(key);
    }

    private void publish(CacheKey key) {
        for (InMemoryContextCache member : shared.members) {
            if (!member.id.equals(id)) {
                member.listeners.forEach(listener -> listener.accept(key));
            }
        }
    }

    @Override
    public void ping() {
        check();
    }

    @Override
    public void onRemoteInvalidation(Consumer<CacheKey> listener) {
        listeners.add(listener);
    }

    @Override
    public void onMissedInvalidations(Runnable listener) {
        missed.add(listener);
    }

    /** As if this member's subscription had dropped and come back. */
    void resubscribed() {
        missed.forEach(Runnable::run);
    }

    @Override
    public void close() {
        shared.members.remove(this);
    }
}
