package ai.socagent.contextstore.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * L1: entries in this process, bounded in number ({@code maximumSize}, W-TinyLFU eviction) and in
 * age (min of {@code ttl} and the entry's own {@code expiresAt}). A read also checks the entry's
 * expiry against the store's clock, so an entry expired by that clock is never served.
 */
public final class CaffeineL1Cache {

    private final Cache<CacheKey, Object> cache;
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
                .build();
    }

    /** The entry, or null when absent or expired by the clock. */
    public Object get(CacheKey key) {
        Object entry = cache.getIfPresent(key);
        if (entry != null && expired(entry, clock.instant())) {
            cache.asMap().remove(key, entry);
            return null;
        }
        return entry;
    }

    /** A written entry: it is the newest, so it replaces whatever is cached. */
    public void put(CacheKey key, Object entry) {
        cache.put(key, entry);
    }

    /** A loaded entry: kept unless an unexpired entry of a higher version is cached already. */
    public void putIfNotNewer(CacheKey key, Object entry) {
        Instant now = clock.instant();
        if (expired(entry, now)) {
            return;
        }
        cache.asMap()
                .merge(
                        key,
                        entry,
                        (cached, loaded) -> !expired(cached, now)
                                        && ContextEntryCodec.version(cached) > ContextEntryCodec.version(loaded)
                                ? cached
                                : loaded);
    }

    public void invalidate(CacheKey key) {
        cache.invalidate(key);
    }

    public void invalidateAll() {
        cache.invalidateAll();
    }

    public long estimatedSize() {
        return cache.estimatedSize();
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
