package ai.socagent.agentruntime.model;

import ai.socagent.domain.agent.AgentName;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
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

    /**
     * One port serves every agent: each request is checked by its agent's policy, {@link #NONE}
     * for an agent without one.
     */
    static OutputPolicy byAgent(Map<AgentName, OutputPolicy> policies) {
        Map<AgentName, OutputPolicy> copy = new EnumMap<>(AgentName.class);
        copy.putAll(policies);
        return (request, output) -> copy.getOrDefault(request.agent(), NONE).violations(request, output);
    }

    /** The violations of {@code output}, empty when it keeps every rule. */
    List<String> violations(ModelRequest request, JsonNode output);
}
