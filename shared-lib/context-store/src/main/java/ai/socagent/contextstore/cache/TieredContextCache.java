package ai.socagent.contextstore.cache;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Read-through and write-through over L1 ({@link CaffeineL1Cache}) and an optional shared L2
 * ({@link ContextCache}), for point reads by full key.
 *
 * <ul>
 *   <li><b>Read</b>: L1, else one load per key at a time (Caffeine's single flight: concurrent
 *       readers of a missing key wait for the first one's load, no stampede), which tries L2, else
 *       the store; what it finds fills L1 and (only if absent) L2. Absence is not cached.
 *   <li><b>Write</b>: the stored entry replaces L1 and L2 and the other instances drop their L1
 *       copy (L2's pub/sub).
 *   <li><b>L2 faults</b>: every L2 call is caught and goes through a Resilience4j {@link
 *       CircuitBreaker}: an error counts {@code result=error}, logs once, and opens it (a window of
 *       one call); L2 is then skipped ({@code result=bypass}) until {@code retryInterval} passes,
 *       when one call (half-open) probes it. When the probe succeeds the breaker closes: the keys
 *       written meanwhile are deleted from L2, L1 is cleared (invalidations may have been missed),
 *       and a log line says L2 is back. No read or write fails because of the cache.
 *   <li><b>Corrupt L2 value</b>: deleted by L2, counted {@code result=corrupt}, re-read from the store.
 * </ul>
 */
public final class TieredContextCache {

    private static final System.Logger LOG = System.getLogger(TieredContextCache.class.getName());
    private static final int MAX_PENDING_INVALIDATIONS = 10_000;

    private final CaffeineL1Cache l1;
    private final ContextCache l2;
    private final Duration l2Ttl;
    private final Clock clock;
    private final CacheMetrics metrics;
    private final CircuitBreaker l2Breaker;

    private final AtomicLong joinedLoads = new AtomicLong();

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
        this.clock = Objects.requireNonNull(clock, "clock");
        this.metrics = new CacheMetrics(registry);
        // One failed call opens it (a window of one call, 100% failures); after retryInterval the
        // next call is let through alone (half-open) and decides.
        this.l2Breaker = CircuitBreaker.of(
                "context-cache-l2",
                CircuitBreakerConfig.custom()
                        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                        .slidingWindowSize(1)
                        .minimumNumberOfCalls(1)
                        .failureRateThreshold(100)
                        .waitDurationInOpenState(retryInterval)
                        .permittedNumberOfCallsInHalfOpenState(1)
                        .automaticTransitionFromOpenToHalfOpenEnabled(false)
                        .build());
        l2Breaker.getEventPublisher().onStateTransition(event -> {
            switch (event.getStateTransition()) {
                case HALF_OPEN_TO_CLOSED -> l2Recovered();
                default -> {
                    // opening is logged with its cause in failed(); a failed probe stays quiet
                }
            }
        });
        if (l2 != null) {
            l2.onRemoteInvalidation(l1::invalidate);
            l2.onMissedInvalidations(() -> {
                l1.invalidateAll();
                LOG.log(Level.INFO, "Context cache invalidations may have been missed: L1 cleared");
            });
        }
    }

    public Clock clock() {
        return clock;
    }

    /** Whether L2 is being skipped after an error (the circuit breaker is not closed). */
    public boolean l2Bypassed() {
        return l2Breaker.getState() != CircuitBreaker.State.CLOSED;
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
            if (l2Bypassed()) {
                probeL2();
            }
            return Optional.of(type.cast(cached));
        }
        metrics.l1Miss.increment();
        Object loaded = l1.getOrLoad(key, k -> load(key, type, loader).orElse(null), joinedLoads::incrementAndGet);
        return Optional.ofNullable(loaded).filter(type::isInstance).map(type::cast);
    }

    /** An entry the store has just written: it replaces L1 and L2; the other instances drop theirs. */
    public <T> T written(CacheKey key, T entry) {
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
        l1.invalidate(key);
        if (l2 != null) {
            l2Call(() -> l2.invalidate(key), key);
        }
    }

    /** L2, else the store; an L2 or store hit goes into L1 as the result of this load. */
    private <T> Optional<T> load(CacheKey key, Class<T> type, Supplier<Optional<T>> loader) {
        if (l2 != null) {
            if (l2Breaker.tryAcquirePermission()) {
                long started = l2Breaker.getCurrentTimestamp();
                try {
                    Optional<Object> shared = l2.get(key);
                    succeeded(started);
                    if (shared.isPresent()) {
                        Object entry = shared.get();
                        if (!type.isInstance(entry) || !ContextEntryCodec.hasKey(entry, key)) {
                            metrics.l2Corrupt.increment();
                            l2Call(() -> l2.invalidate(key), key);
                        } else if (!CaffeineL1Cache.expired(entry, clock.instant())) {
                            metrics.l2Hit.increment();
                            return Optional.of(type.cast(entry));
                        } else {
                            metrics.l2Miss.increment();
                        }
                    } else {
                        metrics.l2Miss.increment();
                    }
                } catch (CorruptCacheEntryException e) {
                    // Redis answered; the value was bad (and is deleted): not a fault of the tier
                    succeeded(started);
                    metrics.l2Corrupt.increment();
                    LOG.log(
                            Level.DEBUG,
                            () -> "Corrupt L2 context cache value of " + key + " deleted: " + e.getMessage());
                } catch (RuntimeException e) {
                    failed(started, e);
                }
            } else {
                metrics.l2Bypass.increment();
            }
        }
        Optional<T> stored = loader.get();
        stored.ifPresent(entry -> {
            Duration ttl = l2TtlOf(entry);
            if (l2 != null && ttl != null && l2Breaker.tryAcquirePermission()) {
                long started = l2Breaker.getCurrentTimestamp();
                try {
                    l2.fill(key, entry, ttl);
                    succeeded(started);
                } catch (RuntimeException e) {
                    failed(started, e);
                }
            }
        });
        return stored;
    }

    /** While L2 is skipped and only L1 is read, something must notice it came back. */
    private void probeL2() {
        if (l2Breaker.tryAcquirePermission()) {
            long started = l2Breaker.getCurrentTimestamp();
            try {
                l2.ping();
                succeeded(started);
            } catch (RuntimeException e) {
                failed(started, e);
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
        if (!l2Breaker.tryAcquirePermission()) {
            metrics.l2Bypass.increment();
            remember(key);
            return;
        }
        long started = l2Breaker.getCurrentTimestamp();
        try {
            call.run();
            succeeded(started);
        } catch (RuntimeException e) {
            failed(started, e);
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

    private void succeeded(long started) {
        l2Breaker.onSuccess(l2Breaker.getCurrentTimestamp() - started, l2Breaker.getTimestampUnit());
    }

    private void failed(long started, RuntimeException e) {
        metrics.l2Error.increment();
        boolean wasClosed = l2Breaker.getState() == CircuitBreaker.State.CLOSED;
        l2Breaker.onError(l2Breaker.getCurrentTimestamp() - started, l2Breaker.getTimestampUnit(), e);
        if (wasClosed && l2Bypassed()) {
            LOG.log(
                    Level.WARNING,
                    "L2 context cache (Redis) failed, reads and writes go to the store until it answers again: " + e);
        } else {
            LOG.log(Level.DEBUG, () -> "L2 context cache call failed: " + e);
        }
    }

    /**
     * The breaker closed after a successful probe (on the probing thread): delete what was written
     * while L2 was skipped, then drop L1, whose invalidations may have been missed. If a delete
     * fails, L2 is skipped again and the rest is kept for the next recovery.
     */
    private synchronized void l2Recovered() {
        List<CacheKey> stale = new ArrayList<>(pending);
        try {
            for (CacheKey key : stale) {
                l2.invalidate(key);
                pending.remove(key);
            }
        } catch (RuntimeException e) {
            metrics.l2Error.increment();
            l2Breaker.transitionToOpenState();
            return;
        }
        l1.invalidateAll();
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
