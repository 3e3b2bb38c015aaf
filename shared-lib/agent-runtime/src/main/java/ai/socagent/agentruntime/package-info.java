/**
 * The agent runtime of issue #5: the model port and its resilient implementation ({@code .model}),
 * prompt safety ({@code .prompt}), token budgets ({@code .budget}), the Bedrock Converse and
 * Bedrock Agents adapters ({@code .adapter.out.bedrock}), the offline analysis engine
 * ({@code .offline}) and the ATT&CK knowledge it works from ({@code .attack}).
 */
package ai.socagent.agentruntime;
