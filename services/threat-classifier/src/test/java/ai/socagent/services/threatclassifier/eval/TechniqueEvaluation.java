package ai.socagent.services.threatclassifier.eval;

import ai.socagent.domain.Severity;
import ai.socagent.domain.classification.TechniqueAssignment;
import ai.socagent.domain.finding.Finding;
import ai.socagent.domain.finding.FindingFormat;
import ai.socagent.knowledgebase.KnowledgeBase;
import ai.socagent.knowledgebase.adapter.out.lucene.LuceneKnowledgeBase;
import ai.socagent.knowledgebase.adapter.out.opensearch.OpenSearchKnowledgeBase;
import ai.socagent.knowledgebase.attack.AttackKnowledge;
import ai.socagent.services.threatclassifier.TestClassifiers;
import ai.socagent.services.threatclassifier.adapter.out.knowledgebase.KnowledgeBaseTechniqueSearch;
import ai.socagent.services.threatclassifier.application.offline.GuardDutyTechniqueMapping;
import ai.socagent.services.threatclassifier.application.offline.OfflineThreatClassifier;
import ai.socagent.services.threatclassifier.application.offline.SeverityScorer;
import ai.socagent.services.threatclassifier.application.port.out.TechniqueSearchPort;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The evaluation command behind bench/eval/run.sh: reads JSONL lines {@code {"text": ...,
 * "technique": "T1234.001"}} (optionally {@code "techniques": [...]}, any of which counts as a hit,
 * and {@code "findingType"}) and prints top-1 and top-3 accuracy for the technique and for its
 * parent technique.
 *
 * <p>Usage: {@code TechniqueEvaluation <file.jsonl> [search|ctid|classifier|classifier-text]
 * [--opensearch=URI]}, or {@code TechniqueEvaluation <types.txt> coverage} for the share of finding
 * types the CTID mapping covers. {@code search} ranks techniques for the text with the knowledge
 * base's {@link KnowledgeBase#rankTechniques(String, int) technique ranking}; {@code ctid} looks the
 * finding type up in the CTID GuardDuty mapping; {@code classifier} runs the {@link
 * OfflineThreatClassifier} on a GuardDuty finding of that type and text; {@code classifier-text}
 * does the same with an empty CTID mapping, so only the text and the type's threat purpose count.
 * The knowledge base is an in-memory Lucene index loaded with the shipped ATT&CK extract, or with
 * {@code --opensearch} the node at that address (indices {@value #OPENSEARCH_PREFIX}-*, loaded
 * unless they hold this extract already).
 */
public final class TechniqueEvaluation {

    /** Index prefix of the evaluation's OpenSearch indices. */
    static final String OPENSEARCH_PREFIX = "soc-eval";

    /** Accuracy figures of one run. */
    public record Result(int examples, int top1, int top3, int parentTop1, int parentTop3, int anyHit) {

        double rate(int count) {
            return examples == 0 ? 0.0 : (double) count / examples;
        }

        /** The figures as printed. */
        public String format(String dataset, String method) {
            return String.format(
                    Locale.ROOT,
                    "%s method=%s n=%d top1=%.4f top3=%.4f parent_top1=%.4f parent_top3=%.4f any_listed=%.4f",
                    dataset,
                    method,
                    examples,
                    rate(top1),
                    rate(top3),
                    rate(parentTop1),
                    rate(parentTop3),
                    rate(anyHit));
        }
    }

    /** One JSONL line. */
    public record Example(String text, Set<String> techniques, String findingType) {}

    private TechniqueEvaluation() {}

    /**
     * How many finding types the CTID mapping covers.
     *
     * @param types finding types asked about
     * @param exact types the mapping names
     * @param family types covered through their family or without their artifact
     * @param uncovered the types without techniques
     */
    public record Coverage(int types, int exact, int family, List<String> uncovered) {

        /** The figures as printed. */
        public String format(String dataset) {
            return String.format(
                    Locale.ROOT,
                    "%s method=coverage types=%d exact=%d family=%d covered=%.4f uncovered=%s",
                    dataset,
                    types,
                    exact,
                    family,
                    types == 0 ? 0.0 : (double) (exact + family) / types,
                    uncovered);
        }
    }

    /** Looks every finding type up in the CTID mapping. */
    public static Coverage coverage(List<String> findingTypes, GuardDutyTechniqueMapping mapping) {
        int exact = 0;
        int family = 0;
        List<String> uncovered = new ArrayList<>();
        for (String type : findingTypes) {
            var match = mapping.lookup(type);
            if (match.isEmpty()) {
                uncovered.add(type);
            } else if (match.get().exact()) {
                exact++;
            } else {
                family++;
            }
        }
        return new Coverage(findingTypes.size(), exact, family, uncovered);
    }

    public static void main(String[] args) throws IOException {
        List<String> positional = new ArrayList<>();
        URI openSearch = null;
        for (String arg : args) {
            if (arg.startsWith("--opensearch=")) {
                openSearch = URI.create(arg.substring("--opensearch=".length()));
            } else {
                positional.add(arg);
            }
        }
        if (positional.isEmpty() || positional.size() > 2) {
            System.err.println("usage: TechniqueEvaluation <file.jsonl> [search|ctid|classifier|classifier-text]"
                    + " [--opensearch=URI] | TechniqueEvaluation <types.txt> coverage");
            System.exit(2);
            return;
        }
        Path file = Path.of(positional.get(0));
        String method = positional.size() > 1 ? positional.get(1) : "search";
        if (method.equals("coverage")) {
            List<String> types = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .map(String::strip)
                    .filter(t -> !t.isEmpty())
                    .toList();
            System.out.println(coverage(types, GuardDutyTechniqueMapping.embedded())
                    .format(file.getFileName().toString()));
            return;
        }
        List<Example> examples = read(file);
        String adapter = openSearch == null ? "lucene" : "opensearch";
        try (KnowledgeBase knowledgeBase = knowledgeBase(openSearch)) {
            long start = System.nanoTime();
            Result result = evaluate(examples, predictor(method, knowledgeBase));
            long millis = (System.nanoTime() - start) / 1_000_000;
            PrintStream out = System.out;
            out.println(
                    result.format(file.getFileName().toString(), method) + " adapter=" + adapter + " millis=" + millis);
        }
    }

    /** The embedded index (in memory), or the OpenSearch node at {@code openSearch}, with ATT&CK loaded. */
    static KnowledgeBase knowledgeBase(URI openSearch) {
        KnowledgeBase knowledgeBase = openSearch == null
                ? LuceneKnowledgeBase.inMemory()
                : OpenSearchKnowledgeBase.connect(openSearch, OpenSearchKnowledgeBase.Settings.of(OPENSEARCH_PREFIX));
        knowledgeBase.indexAttackIfChanged(AttackKnowledge.embedded());
        return knowledgeBase;
    }

    /** The predictor of a method name over the shared in-memory knowledge base of the tests. */
    public static Function<Example, List<String>> predictor(String method) {
        return predictor(method, TestClassifiers.knowledgeBase());
    }

    /** The predictor of a method name: text or finding type in, ranked technique ids out. */
    public static Function<Example, List<String>> predictor(String method, KnowledgeBase knowledgeBase) {
        TechniqueSearchPort search = new KnowledgeBaseTechniqueSearch(knowledgeBase);
        return switch (method) {
            case "search" ->
                e -> knowledgeBase.rankTechniques(e.text(), 10).stream()
                        .map(m -> m.technique().id())
                        .toList();
            case "ctid" -> {
                GuardDutyTechniqueMapping mapping = GuardDutyTechniqueMapping.embedded();
                yield e -> mapping.lookup(e.findingType())
                        .map(GuardDutyTechniqueMapping.Match::techniqueIds)
                        .orElse(List.of());
            }
            case "classifier", "classifier-text" -> {
                OfflineThreatClassifier classifier = new OfflineThreatClassifier(
                        AttackKnowledge.embedded(),
                        method.equals("classifier")
                                ? GuardDutyTechniqueMapping.embedded()
                                : GuardDutyTechniqueMapping.of(Map.of()),
                        search,
                        new SeverityScorer(),
                        Clock.systemUTC());
                yield e -> classifier.classify(guardDutyFinding(e)).techniques().stream()
                        .map(TechniqueAssignment::techniqueId)
                        .toList();
            }
            default ->
                throw new IllegalArgumentException(
                        "unknown method '" + method + "': search, ctid, classifier or classifier-text");
        };
    }

    private static Finding guardDutyFinding(Example e) {
        Instant now = Instant.parse("2025-01-01T00:00:00Z");
        String type = e.findingType() == null ? "Unknown:Unknown/Unknown" : e.findingType();
        return Finding.builder()
                .format(FindingFormat.GUARDDUTY)
                .sourceFindingId("eval-" + Integer.toHexString(type.hashCode()))
                .findingType(type)
                .title(e.text())
                .severity(Severity.MEDIUM)
                .sourceSeverityScore(5.0)
                .firstSeen(now)
                .lastSeen(now)
                .rawPayload("{}")
                .receivedAt(now)
                .build();
    }

    /** Scores predictions against the examples; a prediction list is best first. */
    public static Result evaluate(List<Example> examples, Function<Example, List<String>> predictor) {
        int top1 = 0;
        int top3 = 0;
        int parentTop1 = 0;
        int parentTop3 = 0;
        int any = 0;
        for (Example example : examples) {
            List<String> predicted = predictor.apply(example);
            Set<String> parents = new LinkedHashSet<>();
            example.techniques().forEach(t -> parents.add(t.substring(0, 5)));
            List<String> first3 = predicted.subList(0, Math.min(3, predicted.size()));
            if (!predicted.isEmpty() && example.techniques().contains(predicted.get(0))) {
                top1++;
            }
            if (first3.stream().anyMatch(example.techniques()::contains)) {
                top3++;
            }
            if (!predicted.isEmpty() && parents.contains(predicted.get(0).substring(0, 5))) {
                parentTop1++;
            }
            if (first3.stream().anyMatch(p -> parents.contains(p.substring(0, 5)))) {
                parentTop3++;
            }
            if (predicted.stream().anyMatch(example.techniques()::contains)) {
                any++;
            }
        }
        return new Result(examples.size(), top1, top3, parentTop1, parentTop3, any);
    }

    /** Reads the JSONL file; blank lines are skipped. */
    public static List<Example> read(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader);
        }
    }

    static List<Example> read(Reader reader) throws IOException {
        JsonMapper mapper = JsonMapper.builder().build();
        List<Example> out = new ArrayList<>();
        BufferedReader lines = new BufferedReader(reader);
        String line;
        int number = 0;
        while ((line = lines.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode node = mapper.readTree(line);
            Set<String> techniques = new LinkedHashSet<>();
            JsonNode one = node.get("technique");
            if (one != null && one.isString()) {
                techniques.add(one.stringValue());
            }
            JsonNode many = node.get("techniques");
            if (many != null && many.isArray()) {
                many.values().forEach(t -> techniques.add(t.stringValue()));
            }
            JsonNode text = node.get("text");
            if (text == null || !text.isString() || techniques.isEmpty()) {
                throw new UncheckedIOException(
                        new IOException("line " + number + ": expected \"text\" and \"technique\" strings"));
            }
            JsonNode type = node.get("findingType");
            out.add(new Example(
                    text.stringValue(), techniques, type != null && type.isString() ? type.stringValue() : null));
        }
        return out;
    }
}
