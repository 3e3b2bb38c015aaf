/**
 * Reserved for issue #5: the model port, the Bedrock Agents and Converse adapters, the offline analysis engine, the token budget and prompt safety.
 *
 * <p>The module exists from the foundation on so that the layout of the repository is the
 * picture of the architecture (docs/architecture.md) and the architecture rules already run
 * here; it holds no behaviour until that issue lands.
 */
package ai.socagent.agentruntime;
