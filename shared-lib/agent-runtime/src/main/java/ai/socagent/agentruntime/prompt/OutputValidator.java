package ai.socagent.agentruntime.prompt;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parses model output strictly and checks it against the request's JSON schema (draft 2020-12,
 * networknt json-schema-validator). The whole answer must be one JSON object; a single Markdown
 * code fence around it is tolerated, any other prose is not.
 */
public final class OutputValidator {

    /** Longer answers are rejected without parsing. */
    public static final int MAX_OUTPUT_CHARS = 64 * 1024;

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();

    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private final Map<JsonNode, Schema> schemas = new ConcurrentHashMap<>();

    /** The outcome of a validation: the parsed object, or why it was rejected. */
    public sealed interface Result {}

    public record Valid(JsonNode output) implements Result {}

    public record Invalid(List<String> errors) implements Result {
        public Invalid {
            errors = List.copyOf(errors);
        }
    }

    public Result validate(String text, JsonNode schema) {
        Objects.requireNonNull(schema, "schema");
        if (text == null || text.isBlank()) {
            return new Invalid(List.of("the answer is empty"));
        }
        if (text.length() > MAX_OUTPUT_CHARS) {
            return new Invalid(List.of("the answer is longer than " + MAX_OUTPUT_CHARS + " characters"));
        }
        String candidate = unfence(text.strip());
        JsonNode node;
        try {
            node = JSON.readTree(candidate);
        } catch (JacksonException e) {
            return new Invalid(List.of("the answer is not a single JSON value: " + e.getOriginalMessage()));
        }
        if (node == null || !node.isObject()) {
            return new Invalid(List.of("the answer is not a JSON object"));
        }
        return validate(node, schema);
    }

    public Result validate(JsonNode node, JsonNode schema) {
        List<Error> errors =
                schemas.computeIfAbsent(schema, registry::getSchema).validate(node);
        if (errors.isEmpty()) {
            return new Valid(node);
        }
        return new Invalid(errors.stream().map(Error::toString).toList());
    }

    private static String unfence(String text) {
        if (text.startsWith("```") && text.endsWith("```") && text.length() > 6) {
            String inner = text.substring(3, text.length() - 3);
            int newline = inner.indexOf('\n');
            if (newline >= 0 && inner.substring(0, newline).strip().matches("[a-zA-Z]*")) {
                return inner.substring(newline + 1).strip();
            }
        }
        return text;
    }
}
