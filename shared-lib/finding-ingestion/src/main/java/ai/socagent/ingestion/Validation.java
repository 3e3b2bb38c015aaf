package ai.socagent.ingestion;

import ai.socagent.domain.indicator.Indicator;
import ai.socagent.domain.indicator.IndicatorType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
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
        if (text.isBlank()) {
            if (presence == REQUIRED) {
                add(path, Violation.REQUIRED, "must not be blank");
            }
            return Optional.empty();
        }
        if (text.length() > maxLength) {
            add(path, Violation.SIZE, "must be at most " + maxLength + " characters but has " + text.length());
            return Optional.empty();
        }
        return Optional.of(text);
    }

    /** A string matching {@code pattern}; {@code expectation} describes the pattern in the message. */
    Optional<String> matching(
            JsonNode parent, String name, String parentPath, Presence presence, Pattern pattern, String expectation) {
        Optional<String> text = string(parent, name, parentPath, presence);
        if (text.isPresent() && !pattern.matcher(text.get()).matches()) {
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

    /** An ISO-8601 date-time with offset, e.g. {@code 2025-06-01T10:15:30.123Z}; strictly parsed. */
    Optional<Instant> timestamp(JsonNode parent, String name, String parentPath, Presence presence) {
        Optional<String> text = string(parent, name, parentPath, presence);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text.get(), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant());
        } catch (DateTimeParseException e) {
            add(
                    JsonPaths.child(parentPath, name),
                    Violation.PATTERN,
                    "must be an ISO-8601 date-time with offset (e.g. 2025-06-01T10:15:30.123Z) but was "
                            + show(text.get()));
            return Optional.empty();
        }
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
        if (!node.isIntegralNumber()) {
            typeMismatch(path, "an integer", node);
            return OptionalLong.empty();
        }
        if (!node.canConvertToLong() || node.longValue() < min || node.longValue() > max) {
            add(path, Violation.RANGE, "must be between " + min + " and " + max + " but was " + show(node.toString()));
            return OptionalLong.empty();
        }
        return OptionalLong.of(node.longValue());
    }

    /** An integer that is one of {@code allowed}. */
    OptionalLong integerOneOf(JsonNode parent, String name, String parentPath, Presence presence, List<Long> allowed) {
        String path = JsonPaths.child(parentPath, name);
        JsonNode node = present(parent, name, path, presence);
        if (node == null) {
            return OptionalLong.empty();
        }
        if (!node.isIntegralNumber()) {
            typeMismatch(path, "an integer", node);
            return OptionalLong.empty();
        }
        if (!node.canConvertToLong() || !allowed.contains(node.longValue())) {
            add(path, Violation.ENUM, "must be one of " + allowed + " but was " + show(node.toString()));
            return OptionalLong.empty();
        }
        return OptionalLong.of(node.longValue());
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
