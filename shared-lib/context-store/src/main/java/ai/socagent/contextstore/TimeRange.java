package ai.socagent.contextstore;

import java.time.Instant;
import java.util.Objects;

/** An inclusive time range, {@code from <= to}, at microsecond precision. */
public record TimeRange(Instant from, Instant to) {

    public TimeRange {
        from = ContextTimestamps.normalise(Objects.requireNonNull(from, "from"));
        to = ContextTimestamps.normalise(Objects.requireNonNull(to, "to"));
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("time range from " + from + " is after to " + to);
        }
    }

    public static TimeRange between(Instant from, Instant to) {
        return new TimeRange(from, to);
    }
}
