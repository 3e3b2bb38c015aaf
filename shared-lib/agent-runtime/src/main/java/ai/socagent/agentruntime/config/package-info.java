/**
 * Spring Boot auto-configuration of the agent runtime: {@code soc.agent-runtime.*} ({@link
 * ai.socagent.agentruntime.config.AgentRuntimeProperties}) picks the mode (offline, Bedrock Converse,
 * Bedrock Agents) and wires the model port, token budget and ledger, and response cache.
 */
package ai.socagent.agentruntime.config;
