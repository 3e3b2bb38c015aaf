package ai.socagent.knowledgebase.feed;

import ai.socagent.domain.indicator.Indicator;
import ai.socagent.domain.indicator.IndicatorType;
import ai.socagent.knowledgebase.IntelIndicator;
import ai.socagent.knowledgebase.TechniqueDocument;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a STIX 2.1 bundle: {@code indicator} objects with single-comparison patterns, {@code
 * attack-pattern} objects with a {@code mitre-attack} external id, and {@code indicates}
 * relationships between them (which become the indicator's technique ids).
 *
 * <p>Supported patterns: {@code [ipv4-addr:value = '...']}, {@code [ipv6-addr:value = '...']},
 * {@code [domain-name:value = '...']}, {@code [url:value = '...']}, {@code [email-addr:value =
 * '...']} and {@code [file:hashes.'SHA-256' = '...']} (also SHA-1, MD5). Anything else (boolean
 * combinations, other object paths, non-STIX pattern languages) is reported as {@link
 * FeedProblem.Kind#UNSUPPORTED_PATTERN}. Other object types (identity, marking-definition, ...)
 * carry no indicator and are ignored.
 */
public final class StixBundleLoader {

    private static final Pattern VALUE_PATTERN = Pattern.compile(
            "\\[\\s*(ipv4-addr|ipv6-addr|domain-name|url|email-addr):value\\s*=\\s*'((?:[^'\\\\]|\\\\.)*)'\\s*]");
    private static final Pattern HASH_PATTERN =
            Pattern.compile("\\[\\s*file:hashes\\.(?:'([A-Za-z0-9-]+)'|([A-Za-z0-9_]+))\\s*=\\s*'([0-9A-Fa-f]+)'\\s*]");
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
    private static final int DEFAULT_CONFIDENCE = 50;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private StixBundleLoader() {}

    /**
     * Reads the bundle; {@code feedName} becomes the source of every indicator.
     *
     * @throws IllegalArgumentException when the input is no JSON object with an {@code objects} array
     */
    public static FeedLoadResult load(InputStream bundle, String feedName) {
        JsonNode root;
        try {
            root = JSON.readTree(bundle);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("Not a STIX bundle (invalid JSON): " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject() || !root.path("objects").isArray()) {
            throw new IllegalArgumentException("Not a STIX bundle: no 'objects' array");
        }
        List<FeedProblem> problems = new ArrayList<>();
        Map<String, String> techniqueIdByStixId = new LinkedHashMap<>();
        List<TechniqueDocument> techniques = new ArrayList<>();
        Map<String, Set<String>> indicates = new LinkedHashMap<>();
        for (JsonNode object : root.path("objects")) {
            String type = object.path("type").asString("");
            String id = object.path("id").asString("");
            if ("attack-pattern".equals(type)) {
                try {
                    TechniqueDocument technique = technique(object);
                    techniqueIdByStixId.put(id, technique.id());
                    techniques.add(technique);
                } catch (IllegalArgumentException e) {
                    problems.add(new FeedProblem(FeedProblem.Kind.MALFORMED, id, e.getMessage()));
                }
            } else if ("relationship".equals(type)
                    && "indicates".equals(object.path("relationship_type").asString(""))) {
                indicates
                        .computeIfAbsent(object.path("source_ref").asString(""), k -> new LinkedHashSet<>())
                        .add(object.path("target_ref").asString(""));
            }
        }
        List<IntelIndicator> indicators = new ArrayList<>();
        for (JsonNode object : root.path("objects")) {
            if (!"indicator".equals(object.path("type").asString(""))) {
                continue;
            }
            String id = object.path("id").asString("");
            List<String> techniqueIds = indicates.getOrDefault(id, Set.of()).stream()
                    .map(techniqueIdByStixId::get)
                    .filter(t -> t != null)
                    .toList();
            try {
                indicators.add(indicator(object, feedName, techniqueIds));
            } catch (Problem e) {
                problems.add(new FeedProblem(e.kind, id, e.getMessage()));
            }
        }
        return new FeedLoadResult(indicators, techniques, problems);
    }

    private static TechniqueDocument technique(JsonNode object) {
        String externalId = null;
        for (JsonNode reference : object.path("external_references")) {
            if ("mitre-attack".equals(reference.path("source_name").asString(""))) {
                externalId = reference.path("external_id").asString(null);
            }
        }
        if (externalId == null) {
            throw new IllegalArgumentException("attack-pattern without a mitre-attack external_id");
        }
        List<String> tactics = new ArrayList<>();
        for (JsonNode phase : object.path("kill_chain_phases")) {
            if ("mitre-attack".equals(phase.path("kill_chain_name").asString(""))) {
                tactics.add(phase.path("phase_name").asString(""));
            }
        }
        return new TechniqueDocument(
                externalId,
                object.path("name").asString(""),
                tactics,
                object.path("description").asString(""),
                strings(object.path("x_mitre_platforms")));
    }

    private static IntelIndicator indicator(JsonNode object, String feedName, List<String> techniqueIds)
            throws Problem {
        String patternType = object.path("pattern_type").asString("stix");
        String pattern = object.path("pattern").asString("").strip();
        if (!"stix".equals(patternType)) {
            throw new Problem(FeedProblem.Kind.UNSUPPORTED_PATTERN, "pattern_type '" + patternType + "'");
        }
        IndicatorType type;
        String value;
        Matcher matcher = VALUE_PATTERN.matcher(pattern);
        Matcher hash = HASH_PATTERN.matcher(pattern);
        if (matcher.matches()) {
            type = OBJECT_TYPES.get(matcher.group(1));
            value = matcher.group(2).replace("\\'", "'").replace("\\\\", "\\");
        } else if (hash.matches()) {
            String algorithm = (hash.group(1) != null ? hash.group(1) : hash.group(2)).toUpperCase(Locale.ROOT);
            type = HASHES.get(algorithm);
            if (type == null) {
                throw new Problem(FeedProblem.Kind.UNSUPPORTED_PATTERN, "hash algorithm " + algorithm);
            }
            value = hash.group(3);
        } else {
            throw new Problem(FeedProblem.Kind.UNSUPPORTED_PATTERN, pattern.isEmpty() ? "no pattern" : pattern);
        }
        Indicator indicator;
        try {
            indicator = Indicator.of(type, value);
        } catch (IllegalArgumentException e) {
            throw new Problem(FeedProblem.Kind.INVALID_VALUE, e.getMessage());
        }
        int confidence = object.path("confidence").asInt(DEFAULT_CONFIDENCE);
        if (confidence < 0 || confidence > 100) {
            throw new Problem(FeedProblem.Kind.MALFORMED, "confidence " + confidence + " is not within 0 and 100");
        }
        List<String> labels = new ArrayList<>(strings(object.path("labels")));
        List<String> indicatorTypes = strings(object.path("indicator_types"));
        labels.addAll(indicatorTypes);
        try {
            return new IntelIndicator(
                    indicator,
                    Reputations.of(confidence, indicatorTypes),
                    confidence / 100.0,
                    feedName,
                    labels.stream().distinct().toList(),
                    instant(object.path("valid_from")),
                    instant(object.path("valid_until")),
                    techniqueIds);
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new Problem(FeedProblem.Kind.MALFORMED, e.getMessage());
        }
    }

    private static Instant instant(JsonNode node) {
        return node.isString() ? Instant.parse(node.asString()) : null;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        for (JsonNode node : array) {
            if (node.isString()) {
                values.add(node.asString());
            }
        }
        return values;
    }

    private static final class Problem extends Exception {

        private static final long serialVersionUID = 1L;

        private final transient FeedProblem.Kind kind;

        Problem(FeedProblem.Kind kind, String message) {
            super(message, null, false, false);
            this.kind = kind;
        }
    }
}
