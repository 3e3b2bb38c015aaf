package ai.socagent.contextstore.cache;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * L1: entries in this process, bounded in number ({@code maximumSize}, W-TinyLFU eviction) and in
 * age (min of {@code ttl} and the entry's own {@code expiresAt}). A read also checks the entry's
 * expiry against the store's clock, so an entry expired by that clock is never served.
 *
 * <p>An {@link AsyncCache}, so that a missing key is loaded once however many readers want it
 * (Caffeine's own single flight): the first reader's load is the key's in-flight future, the others
 * wait for it. A write or invalidation of the key meanwhile replaces or removes that future, so a
 * load that started before a write never puts its older entry into L1; a load that finds nothing,
 * or fails, leaves nothing behind.
 */
public final class CaffeineL1Cache {

    private final AsyncCache<CacheKey, Object> cache;
    private final Clock clock;

    public CaffeineL1Cache(long maximumSize, Duration ttl, Clock clock) {
        if (maximumSize < 1) {
            throw new IllegalArgumentException("maximumSize must be positive");
        }
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive");
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        long ttlNanos = ttl.toNanos();
        this.cache = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfter(new Expiry<CacheKey, Object>() {
                    @Override
                    public long expireAfterCreate(CacheKey key, Object entry, long currentTime) {
                        return lifetime(entry, ttlNanos);
                    }

                    @Override
                    public long expireAfterUpdate(CacheKey key, Object entry, long currentTime, long currentDuration) {
                        return lifetime(entry, ttlNanos);
                    }

                    @Override
                    public long expireAfterRead(CacheKey key, Object entry, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .buildAsync();
    }

    /** The entry, or null when absent, still loading, or expired by the clock. */
    public Object get(CacheKey key) {
        CompletableFuture<Object> present = cache.getIfPresent(key);
        if (present == null || !present.isDone() || present.isCompletedExceptionally()) {
            return null;
        }
        Object entry = present.join();
        if (entry != null && expired(entry, clock.instant())) {
            cache.asMap().remove(key, present);
            return null;
        }
        return entry;
    }

    /**
     * The entry of {@code key}: the cached one, else the one {@code loader} returns (null: none, not
     * cached). Concurrent callers for the same key share one load: only the first runs {@code loader},
     * on its own thread; the others call {@code joined} and wait for its result or its exception.
     */
    public Object getOrLoad(CacheKey key, Function<CacheKey, Object> loader, Runnable joined) {
        CompletableFuture<Object> mine = new CompletableFuture<>();
        CompletableFuture<Object> running = cache.get(key, (k, executor) -> mine);
        if (running != mine) {
            joined.run();
            Object entry = await(running);
            if (entry == null || !expired(entry, clock.instant())) {
                return entry;
            }
            cache.asMap().remove(key, running);
            return getOrLoad(key, loader, () -> {});
        }
        try {
            Object loaded = loader.apply(key);
            // null (and an entry already expired) completes the future empty: Caffeine drops it
            mine.complete(loaded == null || expired(loaded, clock.instant()) ? null : loaded);
            return loaded;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        }
    }

    /** A written entry: it is the newest, so it replaces whatever is cached or loading. */
    public void put(CacheKey key, Object entry) {
        cache.put(key, CompletableFuture.completedFuture(entry));
    }

    public void invalidate(CacheKey key) {
        cache.synchronous().invalidate(key);
    }

    public void invalidateAll() {
        cache.synchronous().invalidateAll();
    }

    public long estimatedSize() {
        return cache.synchronous().estimatedSize();
    }

    private static Object await(CompletableFuture<Object> running) {
        try {
            return running.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    private long lifetime(Object entry, long ttlNanos) {
        Instant expiresAt = ContextEntryCodec.expiresAt(entry);
        if (expiresAt == null) {
            return ttlNanos;
        }
        Duration left = Duration.between(clock.instant(), expiresAt);
        if (left.isNegative() || left.isZero()) {
            return 0;
        }
        return Math.min(ttlNanos, left.compareTo(Duration.ofDays(36_500)) > 0 ? Long.MAX_VALUE : left.toNanos());
    }

    static boolean expired(Object entry, Instant now) {
        Instant expiresAt = ContextEntryCodec.expiresAt(entry);
        return expiresAt != null && !expiresAt.isAfter(now);
    }
}
