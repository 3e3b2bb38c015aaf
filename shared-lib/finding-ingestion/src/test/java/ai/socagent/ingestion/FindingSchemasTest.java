package ai.socagent.ingestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link FindingSchemas} and {@link FindingIngestion} agree: the schema accepts exactly what the
 * ingestion accepts, on every sample finding and on the mutants of one sample per format (every
 * field removed, nulled, blanked, retyped, lengthened, recased, every array emptied and overfilled,
 * every number moved out of its range). A rule added to a parser and not to its schema, or the
 * other way round, fails here with the path and the mutation.
 */
class FindingSchemasTest {

    private static final Instant RECEIVED = Instant.parse("2025-07-01T00:00:00Z");
    private static final FindingIngestion INGESTION = FindingIngestion.withDefaults();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Schema SCHEMA = SchemaRegistry.withDefaultDialect(
                    SpecificationVersion.DRAFT_2020_12,
                    builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                            .formatAssertionsEnabled(true)
                            .build()))
            .getSchema(FindingSchemas.document(IngestionLimits.defaults()));

    static List<String> samples() {
        return SampleFindings.paths();
    }

    /** The first sample of each directory (format): the seeds of the mutants. */
    static List<String> seeds() {
        Map<String, String> first = new LinkedHashMap<>();
        for (String path : SampleFindings.paths()) {
            first.putIfAbsent(path.substring(0, path.indexOf('/')), path);
        }
        return List.copyOf(first.values());
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everySampleIsSchemaValidAndAccepted(String path) {
        JsonNode sample = JSON.readTree(SampleFindings.read(path));
        assertThat(errors(sample)).as(path).isEmpty();
        assertThat(accepted(sample)).as(path).isNull();
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void schemaAndIngestionAgreeOnEveryMutant(String path) {
        JsonNode sample = JSON.readTree(SampleFindings.read(path));
        List<String> disagreements = new ArrayList<>();
        int[] mutants = {0};
        mutate(sample, sample, "$", mutant -> {
            mutants[0]++;
            List<String> errors = errors(mutant.root());
            String rejection = accepted(mutant.root());
            if (errors.isEmpty() != (rejection == null)) {
                disagreements.add(mutant.description()
                        + (errors.isEmpty()
                                ? ": schema-valid but rejected: " + rejection
                                : ": accepted but " + errors));
            }
        });
        assertThat(mutants[0]).isGreaterThan(50);
        assertThat(disagreements)
                .as("%s: %d of %d mutants", path, disagreements.size(), mutants[0])
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2025-06-01T10:15:30Z",
                "2025-06-01t10:15:30.123456789z",
                "2025-06-01T10:15:30+23:59",
                "2024-02-29T00:00:00-00:30",
                "0000-01-01T00:00:00Z"
            })
    void rfc3339DateTimesAreRead(String text) {
        assertThat(Validation.dateTime(text)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2025-06-01T10:15Z",
                "2025-02-29T00:00:00Z",
                "2025-06-01T24:00:00Z",
                "2025-06-01T10:15:30+24:00",
                "2025-06-01 10:15:30Z",
                "2025-06-01T10:15:30"
            })
    void otherDateTimesAreNot(String text) {
        assertThat(Validation.dateTime(text)).isEmpty();
    }

    @Test
    void timesInTheWrongOrderAreReadInOrder() {
        ObjectNode plain = F.objectNode()
                .put("title", "t")
                .put("description", "d")
                .put("firstSeen", "2025-06-02T00:00:00Z")
                .put("lastSeen", "2025-06-01T00:00:00Z");
        assertThat(errors(plain)).isEmpty();
        var finding = INGESTION.ingest(plain.toString(), RECEIVED).findings().getFirst();
        assertThat(finding.firstSeen()).isEqualTo(Instant.parse("2025-06-01T00:00:00Z"));
        assertThat(finding.lastSeen()).isEqualTo(Instant.parse("2025-06-02T00:00:00Z"));
    }

    @Test
    void componentsReferToEachOtherUnderThePrefix() {
        Map<String, JsonNode> components =
                FindingSchemas.components(IngestionLimits.defaults(), "#/components/schemas/");
        assertThat(components).containsKey(FindingSchemas.SUBMISSION);
        String text = components.toString();
        assertThat(text).contains("\"$ref\":\"#/components/schemas/AsffFinding\"");
        assertThat(text).doesNotContain("#/$defs/");
    }

    // --- mutations

    record Mutant(JsonNode root, String description) {}

    /** Every mutation of every node under {@code node} (at {@code path}), each on a copy of the root. */
    private static void mutate(JsonNode root, JsonNode node, String path, Consumer<Mutant> out) {
        if (node.isObject()) {
            for (String name : new ArrayList<>(node.propertyNames())) {
                String child = path + "." + name;
                out.accept(edit(root, child + " removed", copy -> ((ObjectNode) at(copy, path)).remove(name)));
                for (JsonNode replacement : replacements(node.get(name))) {
                    out.accept(edit(
                            root,
                            child + " = " + shown(replacement),
                            copy -> ((ObjectNode) at(copy, path)).set(name, replacement)));
                }
                mutate(root, node.get(name), child, out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size() && i < 2; i++) {
                int index = i;
                String child = path + "[" + i + "]";
                for (JsonNode replacement : replacements(node.get(i))) {
                    out.accept(edit(
                            root,
                            child + " = " + shown(replacement),
                            copy -> ((ArrayNode) at(copy, path)).set(index, replacement)));
                }
                mutate(root, node.get(i), child, out);
            }
        }
    }

    private static List<JsonNode> replacements(JsonNode value) {
        List<JsonNode> out = new ArrayList<>(List.of(
                F.nullNode(),
                F.stringNode(""),
                F.stringNode(" \t"),
                F.numberNode(7),
                F.numberNode(-1),
                F.numberNode(2.5),
                F.booleanNode(true),
                F.objectNode(),
                F.arrayNode()));
        if (value.isString()) {
            String text = value.stringValue();
            out.add(F.stringNode(text.toUpperCase(java.util.Locale.ROOT)));
            out.add(F.stringNode(text.toLowerCase(java.util.Locale.ROOT)));
            out.add(F.stringNode(" " + text + " "));
            out.add(F.stringNode(text + "/x"));
            out.add(F.stringNode("x" + text));
            for (int length : new int[] {129, 257, 513, 1025, 2049, 4097, 16385}) {
                if (text.length() < length) {
                    out.add(F.stringNode(text + "a".repeat(length - text.length())));
                }
            }
            out.add(F.stringNode(text + "\uD83D\uDE00".repeat(Math.max(1, 512 - text.length()))));
        } else if (value.isNumber()) {
            if (value.isIntegralNumber()) {
                out.add(F.numberNode(value.doubleValue())); // 2.0: an integer to JSON Schema
            }
            out.add(F.numberNode(value.doubleValue() + 0.5));
            out.add(F.numberNode((long) value.doubleValue() + 1));
            out.add(F.numberNode(101));
            out.add(F.numberNode(10.5));
            out.add(F.numberNode(100_000_000_000_000_000L));
        } else if (value.isArray() && !value.isEmpty()) {
            for (int size : new int[] {33, 51, 101}) {
                ArrayNode longer = F.arrayNode();
                for (int i = 0; i < size; i++) {
                    longer.add(value.get(0).deepCopy());
                }
                out.add(longer);
            }
            out.add(F.arrayNode().add("x"));
        }
        return out;
    }

    private static Mutant edit(JsonNode root, String description, Consumer<JsonNode> change) {
        JsonNode copy = root.deepCopy();
        change.accept(copy);
        return new Mutant(copy, description);
    }

    /** The node at a path of {@link #mutate} ({@code $.a.b[1].c}). */
    private static JsonNode at(JsonNode root, String path) {
        JsonNode node = root;
        for (String step : path.substring(1).split("(?=[.\\[])")) {
            if (step.isEmpty()) {
                continue;
            }
            node = step.startsWith("[")
                    ? node.get(Integer.parseInt(step.substring(1, step.length() - 1)))
                    : node.get(step.substring(1));
        }
        return node;
    }

    private static String shown(JsonNode value) {
        String text = value.toString();
        return text.length() > 40 ? text.substring(0, 40) + "...(" + text.length() + ")" : text;
    }

    private static List<String> errors(JsonNode instance) {
        List<Error> errors = SCHEMA.validate(instance);
        return errors.stream().map(Error::toString).limit(12).collect(Collectors.toList());
    }

    /** Null when the ingestion accepts the payload, else its violations. */
    private static String accepted(JsonNode payload) {
        FindingRejectedException rejected = catchThrowableOfType(
                FindingRejectedException.class, () -> INGESTION.ingest(payload.toString(), RECEIVED));
        return rejected == null ? null : rejected.violations().toString();
    }
}
