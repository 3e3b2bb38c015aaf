/**
 * The machinery every agent shares: the model port and its decorators ({@code .model}: response
 * cache, budget, resilience, schema and policy check, one repair, offline fallback), prompt safety
 * ({@code .prompt}), token budgets and their ledgers ({@code .budget}, {@code .adapter.out.redis})
 * and the Bedrock Converse and Bedrock Agents adapters ({@code .adapter.out.bedrock}). No agent's
 * own reasoning lives here: each agent's offline engine, schema and output policy are in its
 * service.
 */
package ai.socagent.agentruntime;
