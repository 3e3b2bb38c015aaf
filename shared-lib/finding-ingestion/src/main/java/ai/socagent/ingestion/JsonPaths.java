package ai.socagent.ingestion;

import java.util.regex.Pattern;

/** Builds the JSONPath-like locations used in {@link Violation#path()}. */
final class JsonPaths {

    static final String ROOT = "$";

    private static final Pattern SIMPLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private JsonPaths() {}

    /** {@code $.a.b}, or {@code $['detail-type']} for names that are not identifiers. */
    static String child(String path, String name) {
        if (SIMPLE_NAME.matcher(name).matches()) {
            return path + "." + name;
        }
        return path + "['" + name.replace("\\", "\\\\").replace("'", "\\'") + "']";
    }

    /** {@code $.a[3]}. */
    static String index(String path, int index) {
        return path + "[" + index + "]";
    }
}
