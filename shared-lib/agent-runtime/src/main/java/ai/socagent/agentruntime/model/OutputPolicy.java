package ai.socagent.agentruntime.model;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Rules a schema-valid model answer must also keep; a violation is treated like a schema error
 * (one repair attempt, then the offline engine). The schema says what an answer may look like, a
 * policy what it may decide.
 */
@FunctionalInterface
public interface OutputPolicy {

    /** No rules beyond the schema. */
    OutputPolicy NONE = (request, output) -> List.of();

    /** The violations of {@code output}, empty when it keeps every rule. */
    List<String> violations(ModelRequest request, JsonNode output);
}
