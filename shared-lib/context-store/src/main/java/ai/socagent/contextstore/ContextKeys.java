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
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new IllegalArgumentException(attribute + " must not contain control characters");
            }
        }
        return value;
    }

    /**
     * A key value made of free text (a finding's type, as its source wrote it): control characters
     * become U+FFFD and the text is cut at {@value #MAX_KEY_CHARS} characters, so that any non-blank
     * text has a key form that {@link #require} accepts.
     */
    public static String keyForm(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("text must not be blank");
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_KEY_CHARS));
        for (int i = 0; i < text.length() && out.length() < MAX_KEY_CHARS; i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && out.length() == MAX_KEY_CHARS - 1) {
                break; // a surrogate pair is not cut in half
            }
            out.append(Character.isISOControl(c) ? '\uFFFD' : c);
        }
        return out.toString();
    }

    /** A key value that is the first part of a composite key: also no '#'. */
    public static String requireCompositePart(String attribute, String value) {
        require(attribute, value);
        if (value.indexOf('#') >= 0) {
            throw new IllegalArgumentException(attribute + " must not contain '#': it separates composite keys");
        }
        return value;
    }

    /**
     * {@code <instant>#<id>}, GlobalContextTable's sort key: the instant is fixed width, so string order
     * is time order first, and the id makes keys of the same instant distinct.
     */
    public static String instantAndId(Instant timestamp, String id) {
        return ContextTimestamps.format(timestamp) + "#" + id;
    }

    /** The instant of an {@link #instantAndId} key. */
    public static Instant instantOf(String instantAndId) {
        requireInstantAndId(instantAndId);
        return ContextTimestamps.parse(instantAndId.substring(0, ContextTimestamps.WIDTH));
    }

    /** The id of an {@link #instantAndId} key. */
    public static String idOf(String instantAndId) {
        requireInstantAndId(instantAndId);
        return instantAndId.substring(ContextTimestamps.WIDTH + 1);
    }

    /** Lowest {@link #instantAndId} key at {@code instant}: nothing of that instant sorts before it. */
    public static String lowestAt(Instant instant) {
        return ContextTimestamps.format(instant) + "#";
    }

    /**
     * A bound above every {@link #instantAndId} key at {@code instant} and below every later one:
     * {@code '$'} is the character after {@code '#'}, in UTF-16 and UTF-8 order alike.
     */
    public static String aboveAllAt(Instant instant) {
        return ContextTimestamps.format(instant) + "$";
    }

    private static void requireInstantAndId(String key) {
        if (key == null || key.length() < ContextTimestamps.WIDTH + 2 || key.charAt(ContextTimestamps.WIDTH) != '#') {
            throw new IllegalArgumentException("not an <instant>#<id> key: " + key);
        }
    }

    /** {@code <part>#<timestamp>}. */
    public static String composite(String part, Instant timestamp) {
        return part + "#" + ContextTimestamps.format(timestamp);
    }
}
