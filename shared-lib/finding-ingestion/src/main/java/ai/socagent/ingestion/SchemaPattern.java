package ai.socagent.ingestion;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A regular expression that is both a rule of the ingestion and the {@code pattern} of its JSON
 * Schema ({@link FindingSchemas}): one text, read the way JSON Schema validators read a pattern
 * (searched, not matched whole, so it carries its own {@code ^...$}; {@code $} also before a final
 * line feed, as in Python and {@link Pattern#UNIX_LINES}). Written in the subset that ECMA-262,
 * Python and Java read alike: no {@code \d}, {@code \s} or {@code \w} (Unicode-wide in some, ASCII
 * in others), explicit character classes instead.
 */
record SchemaPattern(String source, Pattern compiled) {

    /**
     * The characters {@link String#isBlank()} and {@link String#strip()} treat as white space
     * ({@link Character#isWhitespace(int)}), as a character class body.
     */
    static final String WHITESPACE =
            "\\t\\n\\u000B\\f\\r\\u001C-\\u001F \\u1680\\u2000-\\u2006\\u2008-\\u200A\\u2028\\u2029\\u205F\\u3000";

    /** Not blank: at least one character that is not white space. */
    static final SchemaPattern NOT_BLANK = of("[^" + WHITESPACE + "]");

    /** Blank: nothing but white space (or nothing). */
    static final String BLANK = "[" + WHITESPACE + "]*";

    SchemaPattern {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(compiled, "compiled");
    }

    static SchemaPattern of(String source) {
        return new SchemaPattern(source, Pattern.compile(source, Pattern.UNIX_LINES));
    }

    /** The whole of {@code body}: {@code ^(?:body)$}. */
    static SchemaPattern whole(String body) {
        return of("^(?:" + body + ")$");
    }

    /** The whole of {@code body} with white space around it (values that are stripped before use). */
    static SchemaPattern stripped(String body) {
        return of("^" + BLANK + "(?:" + body + ")" + BLANK + "$");
    }

    /** As a JSON Schema validator reads {@link #source()}: found anywhere in {@code text}. */
    boolean matches(String text) {
        return compiled.matcher(text).find();
    }

    /** {@code [Aa][Bb]...}: a name of letters, digits and underscores, read without regard to ASCII case. */
    static String anyCase(String name) {
        StringBuilder out = new StringBuilder();
        for (char c : name.toCharArray()) {
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
                out.append('[')
                        .append(Character.toUpperCase(c))
                        .append(Character.toLowerCase(c))
                        .append(']');
            } else if ((c >= '0' && c <= '9') || c == '_') {
                out.append(c);
            } else {
                throw new IllegalArgumentException("not a name of letters, digits and underscores: " + name);
            }
        }
        return out.toString();
    }
}
