package ai.socagent.eventbus.inprocess;

import ai.socagent.eventbus.IdempotencyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** {@link IdempotencyStore} in memory, for the standalone mode: claims expire after their TTL. */
public final class InMemoryIdempotencyStore implements IdempotencyStore {

    private static final int PRUNE_EVERY = 4096;

    private final Clock clock;
    private final Map<String, Instant> claims = new ConcurrentHashMap<>();
    private final AtomicLong calls = new AtomicLong();

    private InMemoryIdempotencyStore(Clock clock) {
        this.clock = clock;
    }

    public static InMemoryIdempotencyStore create() {
        return new InMemoryIdempotencyStore(Clock.systemUTC());
    }

    public static InMemoryIdempotencyStore create(Clock clock) {
        return new InMemoryIdempotencyStore(clock);
    }

    @Override
    public boolean claim(String consumer, String eventId, Duration ttl) {
        Instant now = clock.instant();
        if (calls.incrementAndGet() % PRUNE_EVERY == 0) {
            claims.values().removeIf(expiry -> !expiry.isAfter(now));
        }
        AtomicBoolean claimed = new AtomicBoolean();
        claims.compute(key(consumer, eventId), (k, expiry) -> {
            if (expiry != null && expiry.isAfter(now)) {
                return expiry;
            }
            claimed.set(true);
            return now.plus(ttl);
        });
        return claimed.get();
    }

    @Override
    public void release(String consumer, String eventId) {
        claims.remove(key(consumer, eventId));
    }

    /** Claims held, expired ones included until they are pruned. */
    int size() {
        return claims.size();
    }

    private static String key(String consumer, String eventId) {
        return consumer + '\u0000' + eventId;
    }
}
