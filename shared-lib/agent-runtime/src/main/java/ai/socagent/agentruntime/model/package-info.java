/**
 * The model port agents call ({@link ai.socagent.agentruntime.model.ModelPort}) and its resilient
 * implementation: token budget, safe prompts, retry with jitter, circuit breaker, schema
 * validation with one repair attempt, and the offline engine as the fallback. Free of the AWS SDK:
 * providers plug in as {@link ai.socagent.agentruntime.model.LanguageModel} adapters.
 */
package ai.socagent.agentruntime.model;
