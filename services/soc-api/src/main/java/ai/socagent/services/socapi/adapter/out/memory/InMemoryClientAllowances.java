package ai.socagent.services.socapi.adapter.out.memory;

import ai.socagent.services.socapi.application.port.out.ClientAllowancePort;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.Objects;

/**
 * The clients' buckets in this instance (the default, {@code soc.api.throttle.shared=memory}): a
 * Bucket4j bucket per client ({@code burst} tokens, refilled greedily at {@code ratePerSecond}) in a
 * Caffeine cache of at most {@code maxClients}, least recently seen forgotten first; a bucket idle for
 * as long as it takes to fill up again is forgotten too (it would be full: nothing changes). With n
 * instances behind a balancer a client gets up to n times the rate.
 */
public final class InMemoryClientAllowances implements ClientAllowancePort {

    private final long ratePerSecond;
    private final long burst;
    private final TimeMeter time;
    private final Cache<String, Bucket> buckets;

    public InMemoryClientAllowances(long ratePerSecond, long burst, long maxClients) {
        this(ratePerSecond, burst, maxClients, TimeMeter.SYSTEM_NANOTIME);
    }

    /** With a clock of its own, for tests (the cache's expiry keeps the system's ticker). */
    public InMemoryClientAllowances(long ratePerSecond, long burst, long maxClients, TimeMeter time) {
        if (ratePerSecond < 1 || burst < 1 || maxClients < 1) {
            throw new IllegalArgumentException("rate, burst and clients must be positive");
        }
        this.ratePerSecond = ratePerSecond;
        this.burst = burst;
        this.time = Objects.requireNonNull(time, "time");
        this.buckets = Caffeine.newBuilder()
                .maximumSize(maxClients)
                .expireAfterAccess(timeToFill(ratePerSecond, burst))
                .build();
    }

    /** How long an empty bucket takes to fill up again: after that long idle, it is as good as new. */
    public static Duration timeToFill(long ratePerSecond, long burst) {
        return Duration.ofSeconds(1).multipliedBy(burst).dividedBy(ratePerSecond);
    }

    @Override
    public Consumption tryTake(String client) {
        ConsumptionProbe probe = buckets.get(client, any -> newBucket()).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? new Consumption(true, 0) : new Consumption(false, probe.getNanosToWaitForRefill());
    }

    /** Clients whose buckets this instance holds (for tests and diagnostics). */
    public long clients() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(burst)
                        .refillGreedy(ratePerSecond, Duration.ofSeconds(1))
                        .build())
                .withCustomTimePrecision(time)
                .build();
    }
}
