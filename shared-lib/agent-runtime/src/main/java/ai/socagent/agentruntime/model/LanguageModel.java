package ai.socagent.agentruntime.model;

import ai.socagent.agentruntime.prompt.Prompt;

/**
 * One raw call to a model provider: a prompt in, text out. Adapters (Bedrock Converse, Bedrock
 * Agents) implement it; they report failures as {@link ModelInvocationException}.
 */
public interface LanguageModel {

    Completion complete(ModelRequest request, Prompt prompt);

    /**
     * @param text the model's text answer, not yet parsed
     * @param modelId the model or agent alias that produced it
     * @param traceId the provider's request id
     */
    record Completion(String text, String modelId, long inputTokens, long outputTokens, String traceId) {}
}
