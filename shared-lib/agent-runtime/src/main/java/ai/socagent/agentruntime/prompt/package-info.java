/**
 * Prompt safety: {@link ai.socagent.agentruntime.prompt.PromptBuilder} puts untrusted finding data
 * into a delimited data section, {@link ai.socagent.agentruntime.prompt.OutputValidator} parses
 * model output against the output schema.
 */
package ai.socagent.agentruntime.prompt;
