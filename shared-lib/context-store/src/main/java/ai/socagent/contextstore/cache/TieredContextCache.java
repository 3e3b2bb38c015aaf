package ai.socagent.contextstore.cache;

import io.micrometer.core.instrument.MeterRegistry;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Read-through and write-through over L1 ({@link CaffeineL1Cache}) and an optional shared L2
 * ({@link ContextCache}), for point reads by full key.
 *
 * <ul>
 *   <li><b>Read</b>: L1, else one load per key at a time (concurrent readers of a missing key wait
 *       for it: no stampede), which tries L2, else the store; what it finds fills L1 and (only if
 *       absent) L2. Absence is not cached.
 *   <li><b>Write</b>: the stored entry replaces L1 and L2 and the other instances drop their L1
 *       copy (L2's pub/sub).
 *   <li><b>L2 faults</b>: every L2 call is caught; an error counts {@code result=error}, logs once,
 *       and opens a circuit: L2 is skipped ({@code result=bypass}) until {@code retryInterval}
 *       passes, then one call probes it. When a probe succeeds the keys written meanwhile are
 *       deleted from L2 and L1 is cleared (invalidations may have been missed), and a log line says
 *       L2 is back. No read or write fails because of the cache.
 *   <li><b>Corrupt L2 value</b>: deleted by L2, counted {@code result=corrupt}, re-read from the store.
 * </ul>
 */
public final class TieredContextCache {

    private static final System.Logger LOG = System.getLogger(TieredContextCache.class.getName());
    private static final int MAX_PENDING_INVALIDATIONS = 10_000;

    private final CaffeineL1Cache l1;
    private final ContextCache l2;
    private final Duration l2Ttl;
    private final long retryNanos;
    private final Clock clock;
    private final CacheMetrics metrics;

    private final ConcurrentHashMap<CacheKey, CompletableFuture<Optional<Object>>> loading = new ConcurrentHashMap<>();
    /** Bumped by every write and invalidation; a load that saw it move does not fill L1. */
    private final AtomicLong invalidations = new AtomicLong();

    private final AtomicLong joinedLoads = new AtomicLong();

    private volatile boolean l2Open;
    private volatile long l2RetryAt;
    private final AtomicBoolean probing = new AtomicBoolean();
    private final Set<CacheKey> pending = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean pendingOverflow = new AtomicBoolean();

    /**
     * @param l2 the shared tier, or null for L1 only
     * @param l2Ttl the longest an entry stays in L2
     * @param retryInterval how long L2 is skipped after an error before it is tried again
     */
    public TieredContextCache(
            CaffeineL1Cache l1,
            ContextCache l2,
            Duration l2Ttl,
            Duration retryInterval,
            Clock clock,
            MeterRegistry registry) {
        this.l1 = Objects.requireNonNull(l1, "l1");
        this.l2 = l2;
        this.l2Ttl = Objects.requireNonNull(l2Ttl, "l2Ttl");
        this.retryNanos = retryInterval.toNanos();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.metrics = new CacheMetrics(registry);
        if (l2 != null) {
            l2.onRemoteInvalidation(key -> {
                invalidations.incrementAndGet();
                l1.invalidate(key);
            });
            l2.onMissedInvalidations(() -> {
                invalidations.incrementAndGet();
                l1.invalidateAll();
                LOG.log(Level.INFO, "Context cache invalidations may have been missed: L1 cleared");
            });
        }
    }

    public Clock clock() {
        return clock;
    }

    /** Whether L2 is being skipped after an error. */
    public boolean l2Bypassed() {
        return l2Open;
    }

    /** How many reads waited for another reader's load of the same key instead of loading (stampede guard). */
    public long joinedLoads() {
        return joinedLoads.get();
    }

    /** The entry of {@code key}, through L1, L2 and finally {@code loader} (the store). */
    public <T> Optional<T> read(CacheKey key, Class<T> type, Supplier<Optional<T>> loader) {
        Object cached = l1.get(key);
        if (type.isInstance(cached)) {
            metrics.l1Hit.increment();
            if (l2Open) {
                probeL2();
            }
            return Optional.of(type.cast(cached));
        }
        metrics.l1Miss.increment();
        CompletableFuture<Optional<Object>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<Object>> running = loading.putIfAbsent(key, mine);
        if (running != null) {
            joinedLoads.incrementAndGet();
            return await(running).filter(type::isInstance).map(type::cast);
        }
        try {
            Optional<T> loaded = load(key, type, loader);
            mine.complete(loaded.map(Object.class::cast));
            return loaded;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            loading.remove(key, mine);
        }
    }

    /** An entry the store has just written: it replaces L1 and L2; the other instances drop theirs. */
    public <T> T written(CacheKey key, T entry) {
        invalidations.incrementAndGet();
        l1.put(key, entry);
        if (l2 == null) {
            return entry;
        }
        Duration ttl = l2TtlOf(entry);
        if (ttl == null) {
            l2Call(() -> l2.invalidate(key), key);
        } else {
            l2Call(() -> l2.store(key, entry, ttl), key);
        }
        return entry;
    }

    /** Drops a key from every tier, for example after a version conflict showed the copy is stale. */
    public void invalidate(CacheKey key) {
        invalidations.incrementAndGet();
        l1.invalidate(key);
        if (l2 != null) {
            l2Call(() -> l2.invalidate(key), key);
        }
    }

    private <T> Optional<T> load(CacheKey key, Class<T> type, Supplier<Optional<T>> loader) {
        long seen = invalidations.get();
        if (l2 != null) {
            if (l2Allowed()) {
                try {
                    Optional<Object> shared = l2.get(key);
                    l2Succeeded();
                    if (shared.isPresent()) {
                        Object entry = shared.get();
                        if (!type.isInstance(entry) || !ContextEntryCodec.hasKey(entry, key)) {
                            metrics.l2Corrupt.increment();
                            l2Call(() -> l2.invalidate(key), key);
                        } else if (!CaffeineL1Cache.expired(entry, clock.instant())) {
                            metrics.l2Hit.increment();
                            if (invalidations.get() == seen) {
                                l1.putIfNotNewer(key, entry);
                            }
                            return Optional.of(type.cast(entry));
                        } else {
                            metrics.l2Miss.increment();
                        }
                    } else {
                        metrics.l2Miss.increment();
                    }
                } catch (CorruptCacheEntryException e) {
                    l2Succeeded();
                    metrics.l2Corrupt.increment();
                    LOG.log(
                            Level.DEBUG,
                            () -> "Corrupt L2 context cache value of " + key + " deleted: " + e.getMessage());
                } catch (RuntimeException e) {
                    l2Failed(e);
                }
            } else {
                metrics.l2Bypass.increment();
            }
        }
        Optional<T> stored = loader.get();
        stored.ifPresent(entry -> {
            if (invalidations.get() == seen) {
                l1.putIfNotNewer(key, entry);
            }
            Duration ttl = l2TtlOf(entry);
            if (l2 != null && ttl != null && l2Allowed()) {
                try {
                    l2.fill(key, entry, ttl);
                    l2Succeeded();
                } catch (RuntimeException e) {
                    l2Failed(e);
                }
            }
        });
        return stored;
    }

    /** While L2 is skipped and only L1 is read, something must notice it came back. */
    private void probeL2() {
        if (l2Allowed()) {
            try {
                l2.ping();
                l2Succeeded();
            } catch (RuntimeException e) {
                l2Failed(e);
            }
        }
    }

    /** min(L2 TTL, time left before the entry expires); null when it has already expired. */
    private Duration l2TtlOf(Object entry) {
        Instant expiresAt = ContextEntryCodec.expiresAt(entry);
        if (expiresAt == null) {
            return l2Ttl;
        }
        Duration left = Duration.between(clock.instant(), expiresAt);
        if (left.toMillis() <= 0) {
            return null;
        }
        return left.compareTo(l2Ttl) < 0 ? left : l2Ttl;
    }

    /** Runs a write-side L2 call; if L2 is skipped or fails, remembers the key to delete on recovery. */
    private void l2Call(Runnable call, CacheKey key) {
        if (!l2Allowed()) {
            metrics.l2Bypass.increment();
            remember(key);
            return;
        }
        try {
            call.run();
            l2Succeeded();
        } catch (RuntimeException e) {
            l2Failed(e);
            remember(key);
        }
    }

    private void remember(CacheKey key) {
        if (pending.size() < MAX_PENDING_INVALIDATIONS) {
            pending.add(key);
        } else {
            pendingOverflow.set(true);
        }
    }

    private boolean l2Allowed() {
        if (!l2Open) {
            return true;
        }
        return System.nanoTime() - l2RetryAt >= 0 && probing.compareAndSet(false, true);
    }

    private void l2Failed(RuntimeException e) {
        metrics.l2Error.increment();
        l2RetryAt = System.nanoTime() + retryNanos;
        if (!l2Open) {
            l2Open = true;
            LOG.log(
                    Level.WARNING,
                    "L2 context cache (Redis) failed, reads and writes go to the store until it answers again: " + e);
        }
        probing.set(false);
    }

    private void l2Succeeded() {
        if (!l2Open) {
            return;
        }
        synchronized (this) {
            if (!l2Open) {
                return;
            }
            List<CacheKey> stale = new ArrayList<>(pending);
            try {
                for (CacheKey key : stale) {
                    l2.invalidate(key);
                    pending.remove(key);
                }
            } catch (RuntimeException e) {
                l2Failed(e);
                return;
            }
            invalidations.incrementAndGet();
            l1.invalidateAll();
            l2Open = false;
            probing.set(false);
            boolean overflowed = pendingOverflow.getAndSet(false);
            LOG.log(
                    Level.WARNING,
                    "L2 context cache (Redis) answers again; " + stale.size() + " keys written meanwhile deleted"
                            + (overflowed
                                    ? ", more were written than remembered: L2 may serve them stale until its TTL"
                                    : "")
                            + ", L1 cleared");
        }
    }

    private static Optional<Object> await(CompletableFuture<Optional<Object>> running) {
        try {
            return running.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for a context cache load", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new CompletionException(cause);
        }
    }
}
