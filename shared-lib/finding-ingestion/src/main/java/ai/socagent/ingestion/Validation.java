package ai.socagent.ingestion;

import ai.socagent.domain.indicator.Indicator;
import ai.socagent.domain.indicator.IndicatorType;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Reads typed values out of a JSON tree while collecting a {@link Violation} for every problem, so
 * that one pass reports everything wrong with a finding. Absent fields and JSON {@code null} are
 * treated alike; optional blank strings count as absent.
 */
final class Validation {

    enum Presence {
        REQUIRED,
        OPTIONAL
    }

    static final Presence REQUIRED = Presence.REQUIRED;
    static final Presence OPTIONAL = Presence.OPTIONAL;

    private static final int SHOWN_VALUE_LENGTH = 80;

    private final List<Violation> violations = new ArrayList<>();

    void add(String path, String rule, String message) {
        violations.add(new Violation(path, rule, message));
    }

    List<Violation> violations() {
        return List.copyOf(violations);
    }

    int count() {
        return violations.size();
    }

    boolean isEmpty() {
        return violations.isEmpty();
    }

    /** The value of {@code name} in {@code parent}; null when absent, JSON null or parent is no object. */
    static JsonNode value(JsonNode parent, String name) {
        if (parent == null || !parent.isObject()) {
            return null;
        }
        JsonNode node = parent.get(name);
        return node == null || node.isNull() ? null : node;
    }

    private JsonNode present(JsonNode parent, String name, String path, Presence presence) {
        JsonNode node = value(parent, name);
        if (node == null && presence == REQUIRED) {
            add(path, Violation.REQUIRED, "is required");
        }
        return node;
    }

    Optional<JsonNode> object(JsonNode parent, String name, String parentPath, Presence presence) {
        String path = JsonPaths.child(parentPath, name);
        JsonNode node = present(parent, name, path, presence);
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            typeMismatch(path, "an object", node);
            return Optional.empty();
        }
        return Optional.of(node);
    }

    /** An array of at most {@code maxItems} (and, when required, at least one) elements. */
    Optional<JsonNode> array(JsonNode parent, String name, String parentPath, Presence presence, int maxItems) {
        String path = JsonPaths.child(parentPath, name);
        JsonNode node = present(parent, name, path, presence);
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isArray()) {
            typeMismatch(path, "an array", node);
            return Optional.empty();
        }
        if (presence == REQUIRED && node.isEmpty()) {
            add(path, Violation.SIZE, "must contain at least one item");
            return Optional.empty();
        }
        if (node.size() > maxItems) {
            add(path, Violation.SIZE, "must contain at most " + maxItems + " items but has " + node.size());
            return Optional.empty();
        }
        return Optional.of(node);
    }

    /** An object element of an array, or a type violation. */
    Optional<JsonNode> objectElement(JsonNode array, int index, String arrayPath) {
        JsonNode node = array.get(index);
        if (node == null || !node.isObject()) {
            typeMismatch(JsonPaths.index(arrayPath, index), "an object", node);
            return Optional.empty();
        }
        return Optional.of(node);
    }

    Optional<String> string(JsonNode parent, String name, String parentPath, Presence presence) {
        return string(parent, name, parentPath, presence, Integer.MAX_VALUE);
    }

    Optional<String> string(JsonNode parent, String name, String parentPath, Presence presence, int maxLength) {
        String path = JsonPaths.child(parentPath, name);
        JsonNode node = present(parent, name, path, presence);
        if (node == null) {
            return Optional.empty();
        }
        return stringNode(node, path, presence, maxLength);
    }

    /** A string element of an array. */
    Optional<String> stringElement(JsonNode array, int index, String arrayPath, int maxLength) {
        return stringNode(array.get(index), JsonPaths.index(arrayPath, index), REQUIRED, maxLength);
    }

    private Optional<String> stringNode(JsonNode node, String path, Presence presence, int maxLength) {
        if (node == null || !node.isString()) {
            typeMismatch(path, "a string", node);
            return Optional.empty();
        }
        String text = node.stringValue();
        // Characters as JSON Schema's maxLength counts them: code points, whether blank or not.
        int length = text.codePointCount(0, text.length());
        if (length > maxLength) {
            add(path, Violation.SIZE, "must be at most " + maxLength + " characters but has " + length);
            return Optional.empty();
        }
        if (text.isBlank()) {
            if (presence == REQUIRED) {
                add(path, Violation.REQUIRED, "must not be blank");
            }
            return Optional.empty();
        }
        return Optional.of(text);
    }

    /** A string matching {@code pattern}; {@code expectation} describes the pattern in the message. */
    Optional<String> matching(
            JsonNode parent,
            String name,
            String parentPath,
            Presence presence,
            SchemaPattern pattern,
            String expectation) {
        Optional<String> text = string(parent, name, parentPath, presence);
        if (text.isPresent() && !pattern.matches(text.get())) {
            add(
                    JsonPaths.child(parentPath, name),
                    Violation.PATTERN,
                    "must be " + expectation + " but was " + show(text.get()));
            return Optional.empty();
        }
        return text;
    }

    /** A string that is one of {@code allowed} (exact match). */
    Optional<String> oneOf(
            JsonNode parent, String name, String parentPath, Presence presence, Collection<String> allowed) {
        Optional<String> text = string(parent, name, parentPath, presence);
        if (text.isPresent() && !allowed.contains(text.get())) {
            add(
                    JsonPaths.child(parentPath, name),
                    Violation.ENUM,
                    "must be one of " + allowed + " but was " + show(text.get()));
            return Optional.empty();
        }
        return text;
    }

    /**
     * An RFC 3339 date-time (JSON Schema's {@code date-time}), e.g. {@code 2025-06-01T10:15:30.123Z}:
     * {@link #dateTime(String)}.
     */
    Optional<Instant> timestamp(JsonNode parent, String name, String parentPath, Presence presence) {
        Optional<String> text = string(parent, name, parentPath, presence);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Optional<Instant> instant = dateTime(text.get());
        if (instant.isEmpty()) {
            add(
                    JsonPaths.child(parentPath, name),
                    Violation.PATTERN,
                    "must be an RFC 3339 date-time (e.g. 2025-06-01T10:15:30.123Z) but was " + show(text.get()));
        }
        return instant;
    }

    private static final Pattern DATE_TIME = Pattern.compile(
            "([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt]([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\\.([0-9]+))?([Zz]|([+-])([0-9]{2}):([0-9]{2}))");

    /**
     * RFC 3339 section 5.6 {@code date-time}, as JSON Schema's {@code date-time} format reads it: a
     * real calendar date, hours 00-23, minutes and seconds 00-59 (60 taken as 59, a leap second),
     * any fraction, {@code Z} or an offset of up to 23:59 (wider than {@link java.time.ZoneOffset}'s
     * 18 hours, so the instant is computed here).
     */
    static Optional<Instant> dateTime(String text) {
        Matcher m = DATE_TIME.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        int second = Integer.parseInt(m.group(6));
        int offsetHours = m.group(9) == null ? 0 : Integer.parseInt(m.group(10));
        int offsetMinutes = m.group(9) == null ? 0 : Integer.parseInt(m.group(11));
        if (second > 60 || offsetHours > 23 || offsetMinutes > 59) {
            return Optional.empty();
        }
        LocalDateTime local;
        try {
            local = LocalDateTime.of(
                    Integer.parseInt(m.group(1)),
                    Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)),
                    Integer.parseInt(m.group(4)),
                    Integer.parseInt(m.group(5)),
                    Math.min(second, 59));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
        String fraction = m.group(7) == null ? "" : m.group(7);
        int nanos = fraction.isEmpty() ? 0 : Integer.parseInt((fraction + "000000000").substring(0, 9));
        long offsetSeconds = (offsetHours * 3600L + offsetMinutes * 60L) * ("-".equals(m.group(9)) ? -1 : 1);
        return Optional.of(Instant.ofEpochSecond(local.toEpochSecond(ZoneOffset.UTC) - offsetSeconds, nanos));
    }

    /** The earlier of two instants, either when only one is present. */
    static Optional<Instant> earlier(Optional<Instant> a, Optional<Instant> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return a.or(() -> b);
        }
        return Optional.of(a.get().isAfter(b.get()) ? b.get() : a.get());
    }

    /** The later of two instants, either when only one is present. */
    static Optional<Instant> later(Optional<Instant> a, Optional<Instant> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return a.or(() -> b);
        }
        return Optional.of(a.get().isAfter(b.get()) ? a.get() : b.get());
    }

    /** A finite number between {@code min} and {@code max} inclusive. */
    OptionalDouble number(JsonNode parent, String name, String parentPath, Presence presence, double min, double max) {
        String path = JsonPaths.child(parentPath, name);
        JsonNode node = present(parent, name, path, presence);
        if (node == null) {
            return OptionalDouble.empty();
        }
        if (!node.isNumber()) {
            typeMismatch(path, "a number", node);
            return OptionalDouble.empty();
        }
        double value = node.doubleValue();
        if (!Double.isFinite(value) || value < min || value > max) {
            add(path, Violation.RANGE, "must be between " + min + " and " + max + " but was " + node);
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(value);
    }

    /** An integer between {@code min} and {@code max} inclusive. */
    OptionalLong integer(JsonNode parent, String name, String parentPath, Presence presence, long min, long max) {
        String path = JsonPaths.child(parentPath, name);
        JsonNode node = present(parent, name, path, presence);
        if (node == null) {
            return OptionalLong.empty();
        }
        Optional<BigDecimal> value = integral(node);
        if (value.isEmpty()) {
            typeMismatch(path, "an integer", node);
            return OptionalLong.empty();
        }
        if (value.get().compareTo(BigDecimal.valueOf(min)) < 0 || value.get().compareTo(BigDecimal.valueOf(max)) > 0) {
            add(path, Violation.RANGE, "must be between " + min + " and " + max + " but was " + show(node.toString()));
            return OptionalLong.empty();
        }
        return OptionalLong.of(value.get().longValueExact());
    }

    /**
     * The value of a number without a fractional part, {@code 2} and {@code 2.0} alike (JSON
     * Schema's {@code integer}); empty for anything else.
     */
    static Optional<BigDecimal> integral(JsonNode node) {
        if (node == null || !node.isNumber()) {
            return Optional.empty();
        }
        if (node.isIntegralNumber()) {
            return Optional.of(new BigDecimal(node.bigIntegerValue()));
        }
        if (node.isDouble() || node.isFloat()) {
            double d = node.doubleValue();
            if (!Double.isFinite(d) || d != Math.rint(d)) {
                return Optional.empty();
            }
        }
        BigDecimal value = node.decimalValue();
        return value.signum() == 0 || value.stripTrailingZeros().scale() <= 0 ? Optional.of(value) : Optional.empty();
    }

    /** An integer that is one of {@code allowed}. */
    OptionalLong integerOneOf(JsonNode parent, String name, String parentPath, Presence presence, List<Long> allowed) {
        String path = JsonPaths.child(parentPath, name);
        JsonNode node = present(parent, name, path, presence);
        if (node == null) {
            return OptionalLong.empty();
        }
        Optional<BigDecimal> value = integral(node);
        if (value.isEmpty()) {
            typeMismatch(path, "an integer", node);
            return OptionalLong.empty();
        }
        Optional<Long> allowedValue = allowed.stream()
                .filter(a -> BigDecimal.valueOf(a).compareTo(value.get()) == 0)
                .findFirst();
        if (allowedValue.isEmpty()) {
            add(path, Violation.ENUM, "must be one of " + allowed + " but was " + show(node.toString()));
            return OptionalLong.empty();
        }
        return OptionalLong.of(allowedValue.get());
    }

    /**
     * A strictly validated indicator field: absent is fine, anything present must be a valid {@code
     * type} or it is a {@code pattern} violation.
     */
    Optional<Indicator> indicator(JsonNode parent, String name, String parentPath, IndicatorType type) {
        Optional<String> text = string(parent, name, parentPath, OPTIONAL);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Indicator.of(type, text.get()));
        } catch (IllegalArgumentException e) {
            add(JsonPaths.child(parentPath, name), Violation.PATTERN, e.getMessage());
            return Optional.empty();
        }
    }

    /** GuardDuty-style tags: an array of {@code {"key": ..., "value": ...}} objects. */
    Map<String, String> keyValueTags(
            JsonNode parent, String name, String parentPath, String keyField, String valueField) {
        Map<String, String> tags = new LinkedHashMap<>();
        Optional<JsonNode> array = array(parent, name, parentPath, OPTIONAL, Integer.MAX_VALUE);
        if (array.isEmpty()) {
            return tags;
        }
        String arrayPath = JsonPaths.child(parentPath, name);
        for (int i = 0; i < array.get().size(); i++) {
            String elementPath = JsonPaths.index(arrayPath, i);
            Optional<JsonNode> tag = objectElement(array.get(), i, arrayPath);
            if (tag.isEmpty()) {
                continue;
            }
            Optional<String> key = string(tag.get(), keyField, elementPath, REQUIRED);
            String value = plainString(tag.get(), valueField, elementPath);
            key.ifPresent(k -> tags.put(k, value));
        }
        return tags;
    }

    /** ASFF-style tags: an object whose values are strings. */
    Map<String, String> objectTags(JsonNode parent, String name, String parentPath) {
        Map<String, String> tags = new LinkedHashMap<>();
        Optional<JsonNode> object = object(parent, name, parentPath, OPTIONAL);
        String path = JsonPaths.child(parentPath, name);
        object.ifPresent(node -> node.properties().forEach(entry -> {
            if (entry.getValue().isString()) {
                tags.put(entry.getKey(), entry.getValue().stringValue());
            } else {
                typeMismatch(JsonPaths.child(path, entry.getKey()), "a string", entry.getValue());
            }
        }));
        return tags;
    }

    /** A string that may be empty (tag values); absent or null read as "". */
    String plainString(JsonNode parent, String name, String parentPath) {
        JsonNode node = value(parent, name);
        if (node == null) {
            return "";
        }
        if (!node.isString()) {
            typeMismatch(JsonPaths.child(parentPath, name), "a string", node);
            return "";
        }
        return node.stringValue();
    }

    private void typeMismatch(String path, String expected, JsonNode node) {
        String actual = node == null || node.isMissingNode()
                ? "missing"
                : node.getNodeType().name().toLowerCase(Locale.ROOT);
        add(path, Violation.TYPE, "must be " + expected + " but was " + article(actual));
    }

    private static String article(String type) {
        return switch (type) {
            case "array", "object" -> "an " + type;
            case "null", "missing" -> type;
            default -> "a " + type;
        };
    }

    /** A value quoted for a message, truncated so that messages stay small. */
    static String show(String value) {
        String shown = value.length() > SHOWN_VALUE_LENGTH ? value.substring(0, SHOWN_VALUE_LENGTH) + "..." : value;
        return "'" + shown + "'";
    }
}
