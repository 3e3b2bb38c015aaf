package ai.socagent.domainjson;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ObjectNode;

/**
 * A kind of record the agents leave for each other in the context store, with the version of its
 * schema. A record of an older version is read through the upgrades, one version at a time; a
 * record of a newer version (written by a newer service) is refused, never half-read.
 *
 * @param name stable name of the record type, lower-case words with dashes ({@code classification})
 * @param schemaVersion the version this code writes, 1 or more
 * @param javaType the domain record
 * @param upgrades from version {@code v} (the key) to {@code v + 1}: rewrites an older document
 * @param <T> the domain record
 */
public record ContextRecordType<T>(
        String name, int schemaVersion, Class<T> javaType, Map<Integer, UnaryOperator<ObjectNode>> upgrades) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    public ContextRecordType {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("record type names are lower-case words with dashes: " + name);
        }
        if (schemaVersion < 1) {
            throw new IllegalArgumentException("schemaVersion must be 1 or more, was " + schemaVersion);
        }
        Objects.requireNonNull(javaType, "javaType");
        upgrades = Map.copyOf(new TreeMap<>(Objects.requireNonNull(upgrades, "upgrades")));
        for (int from : upgrades.keySet()) {
            if (from < 1 || from >= schemaVersion) {
                throw new IllegalArgumentException(
                        name + ": an upgrade from version " + from + " cannot lead to version " + schemaVersion);
            }
        }
    }

    /** A record type at version {@code schemaVersion} that reads no older version. */
    public static <T> ContextRecordType<T> of(String name, int schemaVersion, Class<T> javaType) {
        return new ContextRecordType<>(name, schemaVersion, javaType, Map.of());
    }

    /** The same type, one version on: documents of the current version are rewritten by {@code upgrade}. */
    public ContextRecordType<T> nextVersion(UnaryOperator<ObjectNode> upgrade) {
        Map<Integer, UnaryOperator<ObjectNode>> more = new TreeMap<>(upgrades);
        more.put(schemaVersion, upgrade);
        return new ContextRecordType<>(name, schemaVersion + 1, javaType, more);
    }
}
