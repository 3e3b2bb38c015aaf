package ai.socagent.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Argument checks shared by the compact constructors of the domain records. Every failure names
 * the offending component so that a broken invariant is diagnosable from the message alone.
 */
public final class Preconditions {

    private Preconditions() {}

    /** Throws a {@link NullPointerException} naming {@code name} when {@code value} is null. */
    public static <T> T requireNonNull(T value, String name) {
        return Objects.requireNonNull(value, () -> name + " must not be null");
    }

    /** Returns {@code value} when it is non-null and contains a non-whitespace character. */
    public static String requireNonBlank(String value, String name) {
        requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    /** Returns {@code value} when it is a lowercase, hyphenated UUID string. */
    public static String requireUuid(String value, String name) {
        requireNonNull(value, name);
        if (!isLowercaseUuid(value)) {
            throw new IllegalArgumentException(name + " must be a lowercase UUID string but was '" + value + "'");
        }
        return value;
    }

    /**
     * 8-4-4-4-12 lowercase hex digits. Checked by hand, not by a regular expression: every domain
     * record checks its ids, and the pattern match was a few percent of the pipeline's CPU.
     */
    private static boolean isLowercaseUuid(String value) {
        if (value.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = value.charAt(i);
            boolean valid = (i == 8 || i == 13 || i == 18 || i == 23)
                    ? c == '-'
                    : (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
            if (!valid) {
                return false;
            }
        }
        return true;
    }

    /** Returns {@code value} when it is a finite number between 0 and 1 inclusive. */
    public static double requireProbability(double value, String name) {
        if (!Double.isFinite(value) || value < 0.0 || value > 1.0) {
            throw new IllegalArgumentException(name + " must be between 0.0 and 1.0 but was " + value);
        }
        return value;
    }

    /** Immutable copy of {@code list}; rejects a null list and null elements, naming the index. */
    public static <T> List<T> copyList(List<T> list, String name) {
        requireNonNull(list, name);
        List<T> copy = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            copy.add(requireNonNull(list.get(i), name + "[" + i + "]"));
        }
        return List.copyOf(copy);
    }

    /** Immutable copy of a string map; rejects null keys and values, naming the key. */
    public static Map<String, String> copyStringMap(Map<String, String> map, String name) {
        requireNonNull(map, name);
        Map<String, String> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> {
            requireNonNull(key, name + " key");
            copy.put(key, requireNonNull(value, name + "['" + key + "']"));
        });
        return Map.copyOf(copy);
    }

    /** Replaces a null optional with {@link Optional#empty()} and rejects a blank contained string. */
    public static Optional<String> optionalNonBlank(Optional<String> value, String name) {
        if (value == null) {
            return Optional.empty();
        }
        value.ifPresent(v -> requireNonBlank(v, name));
        return value;
    }

    /**
     * A new random (version 4) UUID string, the identifier format of every domain entity and event.
     * Ids name things, they guard nothing, so they come from {@link ThreadLocalRandom}: {@code
     * UUID.randomUUID()} draws from the JVM's one NativePRNG behind one lock (with a read of
     * /dev/urandom inside it), on which submissions, the agents' publishes and the HTTP threads queued
     * for up to a second under load (JFR, bench/standalone model mode).
     */
    public static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long mostSignificant = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
        long leastSignificant = (random.nextLong() & ~(0xCL << 60)) | (0x8L << 60); // IETF variant
        return new UUID(mostSignificant, leastSignificant).toString();
    }
}
