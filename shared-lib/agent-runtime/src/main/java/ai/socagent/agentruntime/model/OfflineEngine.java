package ai.socagent.agentruntime.model;

import tools.jackson.databind.JsonNode;

/**
 * The calling agent's offline answer for a request: it must satisfy the request's output schema.
 * Each agent brings its own (the ThreatClassifier's lives in services/threat-classifier).
 */
@FunctionalInterface
public interface OfflineEngine {

    JsonNode answer(ModelRequest request);
}
