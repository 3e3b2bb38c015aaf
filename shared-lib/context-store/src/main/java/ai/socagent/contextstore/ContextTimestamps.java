package ai.socagent.contextstore;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * Timestamps in keys: UTC, microseconds, fixed width ({@code 2026-11-26T13:05:00.000000Z}), so that
 * string order (DynamoDB compares key strings byte-wise) is time order. Years 0000-9999 only.
 */
public final class ContextTimestamps {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final Instant MIN = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999Z");

    /** Characters of every formatted timestamp. */
    public static final int WIDTH = "2026-11-26T13:05:00.000000Z".length();

    private ContextTimestamps() {}

    /** The instant as stored: truncated to microseconds, within years 0000-9999. */
    public static Instant normalise(Instant instant) {
        if (instant.isBefore(MIN) || instant.isAfter(MAX)) {
            throw new IllegalArgumentException("timestamp out of range 0000-9999: " + instant);
        }
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    public static String format(Instant instant) {
        return FORMAT.format(normalise(instant));
    }

    public static Instant parse(String text) {
        try {
            return Instant.from(FORMAT.parse(text));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a context timestamp: " + text, e);
        }
    }
}
