package ai.socagent.eventbus.inprocess;

import ai.socagent.eventbus.IdempotencyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** {@link IdempotencyStore} in memory, for tests and the journal-less in-process bus: claims expire. */
public final class InMemoryIdempotencyStore implements IdempotencyStore {

    private static final int PRUNE_EVERY = 4096;

    private record Held(Instant expiry, boolean handled) {}

    private final Clock clock;
    private final Map<String, Held> claims = new ConcurrentHashMap<>();
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
    public Claim claim(String consumer, String eventId, Duration lease) {
        Instant now = clock.instant();
        if (calls.incrementAndGet() % PRUNE_EVERY == 0) {
            claims.values().removeIf(held -> !held.expiry().isAfter(now));
        }
        AtomicReference<Claim> result = new AtomicReference<>(Claim.CLAIMED);
        claims.compute(key(consumer, eventId), (k, held) -> {
            if (held != null && held.expiry().isAfter(now)) {
                result.set(held.handled() ? Claim.HANDLED : Claim.IN_PROGRESS);
                return held;
            }
            return new Held(now.plus(lease), false);
        });
        return result.get();
    }

    @Override
    public void complete(String consumer, String eventId, Duration ttl) {
        claims.put(key(consumer, eventId), new Held(clock.instant().plus(ttl), true));
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
