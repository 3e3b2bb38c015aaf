package ai.socagent.knowledgebase.feed;

import ai.socagent.domain.indicator.IndicatorType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the knowledge base takes from a STIX 2.1 pattern: the observables compared for equality
 * ({@code =}, or {@code IN} a set of strings) on a supported object path, and a note for every
 * construct it does not translate.
 *
 * <p>The whole pattern is parsed (observation expressions joined by {@code AND}, {@code OR},
 * {@code FOLLOWEDBY}, parentheses, the {@code WITHIN}, {@code START ... STOP} and {@code REPEATS}
 * qualifiers; comparison expressions joined by {@code AND} and {@code OR}). An indicator lists
 * things to look for, so every equality observable becomes an indicator of its own, whichever
 * boolean operator joins it to the others. Not translated, and noted: other operators ({@code !=},
 * {@code <}, {@code MATCHES}, {@code LIKE}, {@code ISSUBSET}, {@code ISSUPERSET}, {@code EXISTS}),
 * negated comparisons, other object paths and non-string values, and the temporal parts
 * ({@code FOLLOWEDBY} order, qualifiers), whose observables are still taken one by one.
 *
 * @param observables the translated observables, in pattern order, without duplicates
 * @param untranslated one human-readable note per construct not translated
 */
record StixPattern(List<Observable> observables, List<String> untranslated) {

    /** An observable the pattern compares for equality (value as written, not yet validated). */
    record Observable(IndicatorType type, String value) {}

    private static final Map<String, IndicatorType> OBJECT_TYPES = Map.of(
            "ipv4-addr", IndicatorType.IPV4,
            "ipv6-addr", IndicatorType.IPV6,
            "domain-name", IndicatorType.DOMAIN,
            "url", IndicatorType.URL,
            "email-addr", IndicatorType.EMAIL);
    private static final Map<String, IndicatorType> HASHES = Map.of(
            "SHA-256", IndicatorType.SHA256,
            "SHA256", IndicatorType.SHA256,
            "SHA-1", IndicatorType.SHA1,
            "SHA1", IndicatorType.SHA1,
            "MD5", IndicatorType.MD5);
    private static final Set<String> WORD_OPERATORS = Set.of("MATCHES", "LIKE", "ISSUBSET", "ISSUPERSET", "IN");

    StixPattern {
        observables = List.copyOf(observables);
        untranslated = List.copyOf(untranslated);
    }

    /**
     * Parses a STIX 2.1 pattern.
     *
     * @throws IllegalArgumentException when it is not valid STIX pattern syntax
     */
    static StixPattern parse(String pattern) {
        Parser parser = new Parser(tokens(pattern));
        parser.observationExpression();
        if (parser.position < parser.tokens.size()) {
            throw parser.error("unexpected '" + parser.peek().text() + "'");
        }
        return new StixPattern(List.copyOf(parser.observables), parser.untranslated);
    }

    private enum Kind {
        OPEN_BRACKET,
        CLOSE_BRACKET,
        OPEN_PAREN,
        CLOSE_PAREN,
        COMMA,
        STRING,
        TYPED_LITERAL,
        NUMBER,
        OPERATOR,
        WORD,
        PATH
    }

    private record Token(Kind kind, String text, int offset) {
        boolean isWord(String word) {
            return kind == Kind.WORD && text.equalsIgnoreCase(word);
        }
    }

    private static List<Token> tokens(String pattern) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = pattern.length();
        while (i < n) {
            char c = pattern.charAt(i);
            int start = i;
            if (Character.isWhitespace(c)) {
                i++;
            } else if ("[](),".indexOf(c) >= 0) {
                Kind kind = switch (c) {
                    case '[' -> Kind.OPEN_BRACKET;
                    case ']' -> Kind.CLOSE_BRACKET;
                    case '(' -> Kind.OPEN_PAREN;
                    case ')' -> Kind.CLOSE_PAREN;
                    default -> Kind.COMMA;
                };
                tokens.add(new Token(kind, String.valueOf(c), start));
                i++;
            } else if (c == '\'') {
                int end = endOfString(pattern, i);
                tokens.add(new Token(Kind.STRING, unescape(pattern.substring(i + 1, end)), start));
                i = end + 1;
            } else if ((c == 't' || c == 'h' || c == 'b') && i + 1 < n && pattern.charAt(i + 1) == '\'') {
                int end = endOfString(pattern, i + 1);
                tokens.add(new Token(Kind.TYPED_LITERAL, pattern.substring(i, end + 1), start));
                i = end + 1;
            } else if (Character.isDigit(c) || (c == '-' && i + 1 < n && Character.isDigit(pattern.charAt(i + 1)))) {
                i++;
                while (i < n && (Character.isDigit(pattern.charAt(i)) || pattern.charAt(i) == '.')) {
                    i++;
                }
                tokens.add(new Token(Kind.NUMBER, pattern.substring(start, i), start));
            } else if ("=!<>".indexOf(c) >= 0) {
                i++;
                if (i < n && pattern.charAt(i) == '=') {
                    i++;
                }
                String op = pattern.substring(start, i);
                if (op.equals("!") || op.equals("==")) {
                    throw new IllegalArgumentException("invalid operator '" + op + "' at offset " + start);
                }
                tokens.add(new Token(Kind.OPERATOR, op, start));
            } else if (Character.isLetter(c) || c == '_') {
                while (i < n && isNameChar(pattern.charAt(i))) {
                    i++;
                }
                if (i < n && pattern.charAt(i) == ':') {
                    i = endOfPath(pattern, i + 1);
                    tokens.add(new Token(Kind.PATH, pattern.substring(start, i), start));
                } else {
                    tokens.add(new Token(Kind.WORD, pattern.substring(start, i), start));
                }
            } else {
                throw new IllegalArgumentException("unexpected character '" + c + "' at offset " + start);
            }
        }
        return tokens;
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-';
    }

    /** Index of the quote closing the string whose opening quote is at {@code open}. */
    private static int endOfString(String pattern, int open) {
        for (int i = open + 1; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '\'') {
                return i;
            }
        }
        throw new IllegalArgumentException("unterminated string at offset " + open);
    }

    /** End of an object path's property part: names, 'quoted names', dots, [n] and [*]. */
    private static int endOfPath(String pattern, int from) {
        int i = from;
        boolean expectSegment = true;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (expectSegment && c == '\'') {
                i = endOfString(pattern, i) + 1;
                expectSegment = false;
            } else if (expectSegment && isNameChar(c)) {
                while (i < pattern.length() && isNameChar(pattern.charAt(i))) {
                    i++;
                }
                expectSegment = false;
            } else if (!expectSegment && c == '.') {
                i++;
                expectSegment = true;
            } else if (!expectSegment && c == '[') {
                int close = pattern.indexOf(']', i);
                String index = close < 0 ? "" : pattern.substring(i + 1, close);
                if (!index.equals("*") && !index.matches("\\d+")) {
                    break;
                }
                i = close + 1;
            } else {
                break;
            }
        }
        if (expectSegment) {
            throw new IllegalArgumentException("incomplete object path at offset " + from);
        }
        return i;
    }

    private static String unescape(String quoted) {
        StringBuilder value = new StringBuilder(quoted.length());
        for (int i = 0; i < quoted.length(); i++) {
            char c = quoted.charAt(i);
            if (c == '\\' && i + 1 < quoted.length()) {
                c = quoted.charAt(++i);
            }
            value.append(c);
        }
        return value.toString();
    }

    private static final class Parser {

        private final List<Token> tokens;
        private final Set<Observable> observables = new LinkedHashSet<>();
        private final List<String> untranslated = new ArrayList<>();
        private int position;

        Parser(List<Token> tokens) {
            this.tokens = tokens;
        }

        void observationExpression() {
            observation();
            while (peekWord("AND") || peekWord("OR") || peekWord("FOLLOWEDBY")) {
                Token operator = next();
                if (operator.isWord("FOLLOWEDBY")) {
                    untranslated.add("FOLLOWEDBY: the order of the observations is not kept, their observables are"
                            + " loaded one by one");
                }
                observation();
            }
        }

        private void observation() {
            if (accept(Kind.OPEN_BRACKET)) {
                comparisonExpression();
                expect(Kind.CLOSE_BRACKET, "']'");
            } else if (accept(Kind.OPEN_PAREN)) {
                observationExpression();
                expect(Kind.CLOSE_PAREN, "')'");
            } else {
                throw error("expected '[' or '('");
            }
            qualifiers();
        }

        private void qualifiers() {
            while (true) {
                if (peekWord("WITHIN")) {
                    next();
                    String seconds = expect(Kind.NUMBER, "a number of seconds").text();
                    expectWord("SECONDS");
                    untranslated.add("qualifier WITHIN " + seconds + " SECONDS is not kept");
                } else if (peekWord("START")) {
                    next();
                    String start = expect(Kind.TYPED_LITERAL, "a timestamp").text();
                    expectWord("STOP");
                    String stop = expect(Kind.TYPED_LITERAL, "a timestamp").text();
                    untranslated.add("qualifier START " + start + " STOP " + stop + " is not kept");
                } else if (peekWord("REPEATS")) {
                    next();
                    String times = expect(Kind.NUMBER, "a count").text();
                    expectWord("TIMES");
                    untranslated.add("qualifier REPEATS " + times + " TIMES is not kept");
                } else {
                    return;
                }
            }
        }

        private void comparisonExpression() {
            comparisonUnit();
            while (peekWord("AND") || peekWord("OR")) {
                next();
                comparisonUnit();
            }
        }

        private void comparisonUnit() {
            if (accept(Kind.OPEN_PAREN)) {
                comparisonExpression();
                expect(Kind.CLOSE_PAREN, "')'");
                return;
            }
            boolean negated = false;
            if (peekWord("NOT")) {
                next();
                negated = true;
            }
            if (peekWord("EXISTS")) {
                next();
                Token path = expect(Kind.PATH, "an object path");
                untranslated.add((negated ? "NOT " : "") + "EXISTS " + path.text() + " is not translated");
                return;
            }
            Token path = expect(Kind.PATH, "an object path");
            if (peekWord("NOT")) {
                next();
                negated = !negated;
            }
            String operator = operator();
            List<Token> values = new ArrayList<>();
            if (operator.equals("IN")) {
                expect(Kind.OPEN_PAREN, "'('");
                values.add(value());
                while (accept(Kind.COMMA)) {
                    values.add(value());
                }
                expect(Kind.CLOSE_PAREN, "')'");
            } else {
                values.add(value());
            }
            translate(path.text(), negated, operator, values);
        }

        private void translate(String path, boolean negated, String operator, List<Token> values) {
            String written = path + (negated ? " NOT " : " ") + operator + " "
                    + String.join(
                            ", ",
                            values.stream()
                                    .map(v -> v.kind() == Kind.STRING ? "'" + v.text() + "'" : v.text())
                                    .toList());
            if (negated || !(operator.equals("=") || operator.equals("IN"))) {
                untranslated.add("comparison " + written + " is not translated (only = and IN are)");
                return;
            }
            IndicatorType type = type(path);
            if (type == null) {
                untranslated.add("comparison " + written + " is not translated (object path not supported)");
                return;
            }
            if (values.stream().anyMatch(v -> v.kind() != Kind.STRING)) {
                untranslated.add("comparison " + written + " is not translated (not a string value)");
                return;
            }
            values.forEach(v -> observables.add(new Observable(type, v.text())));
        }

        private static IndicatorType type(String path) {
            int colon = path.indexOf(':');
            String objectType = path.substring(0, colon);
            String property = path.substring(colon + 1);
            if (property.equals("value")) {
                return OBJECT_TYPES.get(objectType);
            }
            if (objectType.equals("file") && property.startsWith("hashes.")) {
                String algorithm = property.substring("hashes.".length());
                if (algorithm.length() > 1 && algorithm.startsWith("'") && algorithm.endsWith("'")) {
                    algorithm = algorithm.substring(1, algorithm.length() - 1);
                }
                return HASHES.get(algorithm.toUpperCase(Locale.ROOT));
            }
            return null;
        }

        private String operator() {
            Token token = peek();
            if (token != null && token.kind() == Kind.OPERATOR) {
                return next().text();
            }
            if (token != null
                    && token.kind() == Kind.WORD
                    && WORD_OPERATORS.contains(token.text().toUpperCase(Locale.ROOT))) {
                return next().text().toUpperCase(Locale.ROOT);
            }
            throw error("expected a comparison operator");
        }

        private Token value() {
            Token token = peek();
            if (token != null
                    && (token.kind() == Kind.STRING
                            || token.kind() == Kind.TYPED_LITERAL
                            || token.kind() == Kind.NUMBER
                            || token.isWord("true")
                            || token.isWord("false"))) {
                return next();
            }
            throw error("expected a value");
        }

        private Token peek() {
            return position < tokens.size() ? tokens.get(position) : null;
        }

        private boolean peekWord(String word) {
            Token token = peek();
            return token != null && token.isWord(word);
        }

        private Token next() {
            return tokens.get(position++);
        }

        private boolean accept(Kind kind) {
            Token token = peek();
            if (token != null && token.kind() == kind) {
                position++;
                return true;
            }
            return false;
        }

        private Token expect(Kind kind, String what) {
            Token token = peek();
            if (token == null || token.kind() != kind) {
                throw error("expected " + what);
            }
            position++;
            return token;
        }

        private void expectWord(String word) {
            if (!peekWord(word)) {
                throw error("expected " + word);
            }
            position++;
        }

        IllegalArgumentException error(String message) {
            Token token = peek();
            return new IllegalArgumentException(
                    message + (token == null ? " at the end" : " at offset " + token.offset()));
        }
    }
}
