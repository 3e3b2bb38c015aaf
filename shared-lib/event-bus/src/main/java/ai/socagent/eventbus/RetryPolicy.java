package ai.socagent.eventbus;

import java.time.Duration;

/**
 * Backoff between deliveries of a failing event: {@code initial * multiplier^(attempt-1)}, at most
 * {@code max}. How many deliveries a queue makes is its {@code maxReceiveCount} from the rules file.
 *
 * @param initial the wait before the second delivery
 * @param multiplier growth per attempt, at least 1
 * @param max the longest wait
 */
public record RetryPolicy(Duration initial, double multiplier, Duration max) {

    public RetryPolicy {
        if (initial.isNegative() || max.compareTo(initial) < 0 || multiplier < 1) {
            throw new IllegalArgumentException("need 0 <= initial <= max and multiplier >= 1");
        }
    }

    /** 200 ms, doubling, at most 10 s. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(Duration.ofMillis(200), 2.0, Duration.ofSeconds(10));
    }

    /** The wait after failed delivery number {@code attempt} (1-based). */
    public Duration backoff(int attempt) {
        double millis = initial.toMillis() * Math.pow(multiplier, Math.max(0, attempt - 1));
        return millis >= max.toMillis() ? max : Duration.ofMillis((long) millis);
    }
}
