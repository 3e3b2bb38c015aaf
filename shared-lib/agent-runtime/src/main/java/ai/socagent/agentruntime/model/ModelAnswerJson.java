package ai.socagent.agentruntime.model;

import java.time.Duration;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A {@link ModelAnswer} as JSON, for the shared response cache: {@code {"v":1,"output":{...},
 * "producedBy":..., "inputTokens":..., "outputTokens":..., "latencyMillis":..., "traceId":...,
 * "fallbackReason":...}}.
 */
public final class ModelAnswerJson {

    static final int VERSION = 1;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ModelAnswerJson() {}

    public static String encode(ModelAnswer answer) {
        ObjectNode node = JSON.createObjectNode();
        node.put("v", VERSION);
        node.set("output", answer.output());
        node.put("producedBy", answer.producedBy());
        node.put("inputTokens", answer.inputTokens());
        node.put("outputTokens", answer.outputTokens());
        node.put("latencyMillis", answer.latency().toMillis());
        node.put("traceId", answer.traceId());
        answer.fallbackReason().ifPresent(reason -> node.put("fallbackReason", reason));
        return JSON.writeValueAsString(node);
    }

    /**
     * @throws IllegalArgumentException when {@code json} is not an encoded answer of this version
     */
    public static ModelAnswer decode(String json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not a cached model answer: " + e.getOriginalMessage(), e);
        }
        if (node == null
                || !node.isObject()
                || node.path("v").asInt(-1) != VERSION
                || !node.path("output").isObject()
                || !node.path("producedBy").isString()
                || !node.path("traceId").isString()) {
            throw new IllegalArgumentException("not a cached model answer of version " + VERSION);
        }
        try {
            return new ModelAnswer(
                    node.get("output"),
                    node.get("producedBy").asString(),
                    node.path("inputTokens").asLong(0),
                    node.path("outputTokens").asLong(0),
                    Duration.ofMillis(node.path("latencyMillis").asLong(0)),
                    node.get("traceId").asString(),
                    node.path("fallbackReason").isString()
                            ? Optional.of(node.get("fallbackReason").asString())
                            : Optional.empty());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a cached model answer: " + e.getMessage(), e);
        }
    }
}
