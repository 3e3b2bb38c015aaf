/** Bedrock adapters of {@link ai.socagent.agentruntime.model.LanguageModel}: Converse and Agents. */
package ai.socagent.agentruntime.adapter.out.bedrock;
