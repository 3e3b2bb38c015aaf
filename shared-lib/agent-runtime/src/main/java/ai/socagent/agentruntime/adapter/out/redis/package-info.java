/**
 * Redis adapters of the agent runtime (Lettuce): the shared tier of the model response cache
 * ({@link ai.socagent.agentruntime.adapter.out.redis.RedisResponseCache}) and the token ledger
 * shared by the fleet ({@link ai.socagent.agentruntime.adapter.out.redis.RedisTokenLedger}).
 */
package ai.socagent.agentruntime.adapter.out.redis;
