package ai.socagent.knowledgebase.feed;

import ai.socagent.domain.indicator.Indicator;
import ai.socagent.knowledgebase.IntelIndicator;
import ai.socagent.knowledgebase.TechniqueDocument;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a STIX 2.1 bundle: {@code indicator} objects with STIX patterns, {@code attack-pattern}
 * objects with a {@code mitre-attack} external id, and {@code indicates} relationships between
 * them (which become the indicator's technique ids).
 *
 * <p>Each equality comparison of a pattern ({@code =}, or {@code IN} a set of strings) on {@code
 * ipv4-addr:value}, {@code ipv6-addr:value}, {@code domain-name:value}, {@code url:value}, {@code
 * email-addr:value} or {@code file:hashes.'SHA-256'} (also SHA-1, MD5) becomes an indicator of
 * its own, with the labels, confidence, validity and techniques of the STIX indicator, whether
 * the comparisons are joined by {@code AND}, {@code OR} or {@code FOLLOWEDBY}: {@code
 * [ipv4-addr:value = '198.51.100.7' OR domain-name:value = 'evil.example']} gives two. Every part
 * not translated (other operators such as {@code MATCHES}, {@code LIKE}, {@code ISSUBSET},
 * negations, other object paths, the order of {@code FOLLOWEDBY}, {@code WITHIN} / {@code START}
 * / {@code REPEATS} qualifiers) is reported as a {@link FeedProblem.Kind#UNSUPPORTED_PATTERN}
 * problem with the indicator's id, as are non-STIX pattern languages; a pattern that does not
 * parse is {@link FeedProblem.Kind#MALFORMED}, an observable the domain rejects {@link
 * FeedProblem.Kind#INVALID_VALUE}. Other object types (identity, marking-definition, ...) carry
 * no indicator and are ignored. See {@link StixPattern}.
 */
public final class StixBundleLoader {

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
                indicators.addAll(indicators(object, feedName, techniqueIds, problems));
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

    private static List<IntelIndicator> indicators(
            JsonNode object, String feedName, List<String> techniqueIds, List<FeedProblem> problems) throws Problem {
        String id = object.path("id").asString("");
        String patternType = object.path("pattern_type").asString("stix");
        String pattern = object.path("pattern").asString("").strip();
        if (!"stix".equals(patternType)) {
            throw new Problem(FeedProblem.Kind.UNSUPPORTED_PATTERN, "pattern_type '" + patternType + "'");
        }
        if (pattern.isEmpty()) {
            throw new Problem(FeedProblem.Kind.MALFORMED, "no pattern");
        }
        StixPattern parsed;
        try {
            parsed = StixPattern.parse(pattern);
        } catch (IllegalArgumentException e) {
            throw new Problem(FeedProblem.Kind.MALFORMED, "invalid STIX pattern: " + e.getMessage());
        }
        int confidence = object.path("confidence").asInt(DEFAULT_CONFIDENCE);
        if (confidence < 0 || confidence > 100) {
            throw new Problem(FeedProblem.Kind.MALFORMED, "confidence " + confidence + " is not within 0 and 100");
        }
        List<String> labels = new ArrayList<>(strings(object.path("labels")));
        List<String> indicatorTypes = strings(object.path("indicator_types"));
        labels.addAll(indicatorTypes);
        Instant validFrom;
        Instant validUntil;
        try {
            validFrom = instant(object.path("valid_from"));
            validUntil = instant(object.path("valid_until"));
        } catch (DateTimeParseException e) {
            throw new Problem(FeedProblem.Kind.MALFORMED, e.getMessage());
        }
        parsed.untranslated()
                .forEach(note -> problems.add(new FeedProblem(FeedProblem.Kind.UNSUPPORTED_PATTERN, id, note)));
        List<IntelIndicator> indicators = new ArrayList<>();
        for (StixPattern.Observable observable : parsed.observables()) {
            Indicator indicator;
            try {
                indicator = Indicator.of(observable.type(), observable.value());
            } catch (IllegalArgumentException e) {
                problems.add(new FeedProblem(FeedProblem.Kind.INVALID_VALUE, id, e.getMessage()));
                continue;
            }
            try {
                indicators.add(new IntelIndicator(
                        indicator,
                        Reputations.of(confidence, indicatorTypes),
                        confidence / 100.0,
                        feedName,
                        labels.stream().distinct().toList(),
                        validFrom,
                        validUntil,
                        techniqueIds));
            } catch (IllegalArgumentException e) {
                throw new Problem(FeedProblem.Kind.MALFORMED, e.getMessage());
            }
        }
        return indicators;
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
