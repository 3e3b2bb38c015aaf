package ai.socagent.agentruntime.model;

import tools.jackson.databind.JsonNode;

/**
 * The calling agent's offline answer for a request: it must satisfy the request's output schema.
 * For the threat classifier this is {@link ai.socagent.agentruntime.offline.OfflineThreatClassifier}
 * rendered by {@link ClassificationJson}.
 */
@FunctionalInterface
public interface OfflineEngine {

    JsonNode answer(ModelRequest request);
}
