package ai.socagent.agentruntime.budget;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Token counters of this JVM, with the same expiry as the shared ledger: an expired counter reads
 * 0 and is swept out on a later write, so finished investigations do not accumulate.
 */
public final class InMemoryTokenLedger implements TokenLedger {

    /** Expired counters are swept every 1,024 writes. */
    private static final int PURGE_EVERY_MASK = 1023;

    private record Counter(long value, Instant expiresAt) {}

    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final AtomicInteger writes = new AtomicInteger();
    private final Clock clock;

    public InMemoryTokenLedger(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public long add(String key, long tokens, Duration ttl) {
        Objects.requireNonNull(key, "key");
        Instant now = clock.instant();
        Instant expiresAt = now.plus(ttl);
        Counter updated = counters.compute(
                key,
                (k, current) -> current == null || expired(current, now)
                        ? new Counter(tokens, expiresAt)
                        : new Counter(current.value() + tokens, expiresAt));
        if ((writes.incrementAndGet() & PURGE_EVERY_MASK) == 0) {
            counters.values().removeIf(counter -> expired(counter, now));
        }
        return updated.value();
    }

    @Override
    public long get(String key) {
        Counter counter = counters.get(key);
        return counter == null || expired(counter, clock.instant()) ? 0 : counter.value();
    }

    private static boolean expired(Counter counter, Instant now) {
        return !now.isBefore(counter.expiresAt());
    }
}
