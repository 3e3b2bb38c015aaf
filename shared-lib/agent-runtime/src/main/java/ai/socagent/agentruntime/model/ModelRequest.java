package ai.socagent.agentruntime.model;

import ai.socagent.domain.Severity;
import ai.socagent.domain.agent.AgentName;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * What an agent asks of a model.
 *
 * @param agent the calling agent; picks the model route and the budget bucket
 * @param sessionId the investigation id; the per-investigation token budget and the Bedrock
 *     Agents session are keyed by it
 * @param input structured input; every value in it is treated as untrusted data
 * @param outputSchema the JSON schema (draft 2020-12) the answer must satisfy
 * @param severity the severity known so far; CRITICAL routes to the deeper model
 */
public record ModelRequest(
        AgentName agent, String sessionId, JsonNode input, JsonNode outputSchema, Severity severity) {

    public ModelRequest {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(sessionId, "sessionId");
        if (sessionId.isBlank()) {
            throw new IllegalArgumentException("sessionId must not be blank");
        }
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(outputSchema, "outputSchema");
        Objects.requireNonNull(severity, "severity");
    }
}
