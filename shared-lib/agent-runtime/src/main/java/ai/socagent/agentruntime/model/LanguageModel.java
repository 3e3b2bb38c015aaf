package ai.socagent.agentruntime.model;

import ai.socagent.agentruntime.prompt.Prompt;

/**
 * One raw call to a model provider: a prompt in, text out. Adapters (Bedrock Converse, Bedrock
 * Agents) implement it; they report failures as {@link ModelInvocationException}.
 */
public interface LanguageModel {

    Completion complete(ModelRequest request, Prompt prompt);

    /** The model (or agent alias) a call of {@code request} goes to: limits and quotas are per model. */
    default String target(ModelRequest request) {
        return "default";
    }

    /** The most output tokens a call may produce (reserved against the tokens per minute when it starts). */
    default int maxOutputTokens() {
        return 1024;
    }

    /**
     * @param text the model's text answer, not yet parsed
     * @param modelId the model or agent alias that produced it
     * @param traceId the provider's request id
     */
    record Completion(String text, String modelId, long inputTokens, long outputTokens, String traceId) {}
}
