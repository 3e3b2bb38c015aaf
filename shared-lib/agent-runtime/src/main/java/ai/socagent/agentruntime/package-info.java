/**
 * The agent runtime of issue #5. In place: the offline analysis engine ({@code .offline}) and the
 * ATT&CK knowledge it works from ({@code .attack}). To come: the model port, the Bedrock Agents
 * and Converse adapters, the token budget and prompt safety.
 */
package ai.socagent.agentruntime;
