package ai.socagent.contextstore;

import java.time.Instant;

/** Key values: checks and the composite {@code <part>#<timestamp>} sort keys. */
public final class ContextKeys {

    /** Longest key value accepted (DynamoDB allows 2048 bytes for a partition key, 1024 for a sort key). */
    public static final int MAX_KEY_CHARS = 256;

    private ContextKeys() {}

    /** A key value: non-blank, at most {@value #MAX_KEY_CHARS} characters, no control characters. */
    public static String require(String attribute, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(attribute + " must not be blank");
        }
        if (value.length() > MAX_KEY_CHARS) {
            throw new IllegalArgumentException(attribute + " is longer than " + MAX_KEY_CHARS + " characters");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(attribute + " must not contain control characters");
        }
        return value;
    }

    /** A key value that is the first part of a composite key: also no '#'. */
    public static String requireCompositePart(String attribute, String value) {
        require(attribute, value);
        if (value.indexOf('#') >= 0) {
            throw new IllegalArgumentException(attribute + " must not contain '#': it separates composite keys");
        }
        return value;
    }

    /** {@code <part>#<timestamp>}. */
    public static String composite(String part, Instant timestamp) {
        return part + "#" + ContextTimestamps.format(timestamp);
    }
}
