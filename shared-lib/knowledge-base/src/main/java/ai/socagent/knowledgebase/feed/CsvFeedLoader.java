package ai.socagent.knowledgebase.feed;

import ai.socagent.domain.indicator.Indicator;
import ai.socagent.domain.indicator.IndicatorType;
import ai.socagent.domain.indicator.Indicators;
import ai.socagent.knowledgebase.IntelIndicator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a CSV indicator feed with the header {@code type,value,confidence,source,labels,first_seen,last_seen}
 * and an optional last column {@code techniques}.
 *
 * <ul>
 *   <li>type: an {@link IndicatorType} name in any case, or a STIX-style alias ({@code ipv4-addr},
 *       {@code domain-name}, {@code url}, {@code email-addr}, {@code sha-256}, {@code sha-1}, {@code md5})
 *   <li>value: validated and normalised by the domain ({@link Indicator#of}); defanged values
 *       ({@code hxxp://}, {@code [.]}) are refanged first
 *   <li>confidence: integer 0 to 100; source: blank means the feed name; labels and techniques:
 *       separated by {@code ;} or {@code |}
 *   <li>first_seen, last_seen: ISO-8601 instant or date, or blank
 * </ul>
 *
 * Fields may be double-quoted (RFC 4180). Blank lines and lines starting with {@code #} are
 * skipped. Every other line that cannot be loaded is reported with its line number.
 */
public final class CsvFeedLoader {

    static final List<String> HEADER =
            List.of("type", "value", "confidence", "source", "labels", "first_seen", "last_seen");

    private static final Map<String, IndicatorType> ALIASES = Map.of(
            "ipv4-addr", IndicatorType.IPV4,
            "ipv6-addr", IndicatorType.IPV6,
            "domain-name", IndicatorType.DOMAIN,
            "email-addr", IndicatorType.EMAIL,
            "sha-256", IndicatorType.SHA256,
            "sha-1", IndicatorType.SHA1);

    private CsvFeedLoader() {}

    /** Reads the whole feed; {@code feedName} is the source of rows that name none. */
    public static FeedLoadResult load(Reader reader, String feedName) {
        List<IntelIndicator> indicators = new ArrayList<>();
        List<FeedProblem> problems = new ArrayList<>();
        BufferedReader lines = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        try {
            String line;
            int number = 0;
            boolean header = true;
            boolean withTechniques = false;
            while ((line = lines.readLine()) != null) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String location = "line " + number;
                List<String> fields;
                try {
                    fields = split(line);
                } catch (IllegalArgumentException e) {
                    problems.add(new FeedProblem(FeedProblem.Kind.MALFORMED, location, e.getMessage()));
                    continue;
                }
                if (header) {
                    List<String> names = fields.stream()
                            .map(f -> f.strip().toLowerCase(Locale.ROOT))
                            .toList();
                    withTechniques = names.size() == HEADER.size() + 1 && "techniques".equals(names.getLast());
                    if (!names.subList(0, Math.min(names.size(), HEADER.size())).equals(HEADER)
                            || (names.size() != HEADER.size() && !withTechniques)) {
                        problems.add(new FeedProblem(
                                FeedProblem.Kind.MALFORMED,
                                location,
                                "header must be " + String.join(",", HEADER) + "[,techniques] but was " + line));
                        break;
                    }
                    header = false;
                    continue;
                }
                int expected = HEADER.size() + (withTechniques ? 1 : 0);
                if (fields.size() != expected) {
                    problems.add(new FeedProblem(
                            FeedProblem.Kind.MALFORMED,
                            location,
                            "expected " + expected + " fields but found " + fields.size()));
                    continue;
                }
                try {
                    indicators.add(row(fields, feedName, withTechniques));
                } catch (RowProblem e) {
                    problems.add(new FeedProblem(e.kind, location, e.getMessage()));
                }
            }
            if (header && problems.isEmpty()) {
                problems.add(new FeedProblem(FeedProblem.Kind.MALFORMED, "line 1", "no header: the feed is empty"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read CSV feed " + feedName, e);
        }
        return new FeedLoadResult(indicators, List.of(), problems);
    }

    private static IntelIndicator row(List<String> fields, String feedName, boolean withTechniques) throws RowProblem {
        String typeName = fields.get(0).strip();
        IndicatorType type = type(typeName)
                .orElseThrow(
                        () -> new RowProblem(FeedProblem.Kind.MALFORMED, "unknown indicator type '" + typeName + "'"));
        Indicator indicator;
        try {
            indicator = Indicator.of(type, Indicators.refang(fields.get(1)));
        } catch (IllegalArgumentException e) {
            throw new RowProblem(FeedProblem.Kind.INVALID_VALUE, e.getMessage());
        }
        int confidence;
        try {
            confidence = Integer.parseInt(fields.get(2).strip());
        } catch (NumberFormatException e) {
            throw new RowProblem(FeedProblem.Kind.MALFORMED, "confidence '" + fields.get(2) + "' is no integer");
        }
        if (confidence < 0 || confidence > 100) {
            throw new RowProblem(FeedProblem.Kind.MALFORMED, "confidence " + confidence + " is not within 0 and 100");
        }
        String source = fields.get(3).isBlank() ? feedName : fields.get(3).strip();
        List<String> labels = list(fields.get(4));
        Instant firstSeen = instant(fields.get(5), "first_seen");
        Instant lastSeen = instant(fields.get(6), "last_seen");
        List<String> techniques = withTechniques ? list(fields.get(7)) : List.of();
        try {
            return new IntelIndicator(
                    indicator,
                    Reputations.of(confidence, labels),
                    confidence / 100.0,
                    source,
                    labels,
                    firstSeen,
                    lastSeen,
                    techniques);
        } catch (IllegalArgumentException e) {
            throw new RowProblem(FeedProblem.Kind.MALFORMED, e.getMessage());
        }
    }

    static Optional<IndicatorType> type(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (ALIASES.containsKey(lower)) {
            return Optional.of(ALIASES.get(lower));
        }
        return Arrays.stream(IndicatorType.values())
                .filter(t -> t.name().equalsIgnoreCase(lower.replace('-', '_')))
                .findFirst();
    }

    private static List<String> list(String field) {
        return Arrays.stream(field.split("[;|]"))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static Instant instant(String field, String column) throws RowProblem {
        String value = field.strip();
        if (value.isEmpty()) {
            return null;
        }
        try {
            return value.length() == 10
                    ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new RowProblem(
                    FeedProblem.Kind.MALFORMED, column + " '" + value + "' is no ISO-8601 date or instant");
        }
    }

    /** Splits one CSV line (RFC 4180 quoting, no line breaks inside fields). */
    static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '"' && field.isEmpty() && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unterminated quoted field");
        }
        fields.add(field.toString());
        return fields;
    }

    private static final class RowProblem extends Exception {

        private static final long serialVersionUID = 1L;

        private final transient FeedProblem.Kind kind;

        RowProblem(FeedProblem.Kind kind, String message) {
            super(message, null, false, false);
            this.kind = kind;
        }
    }
}
