/**
 * Redis adapters of the agent runtime (Spring Data Redis over the application's one Lettuce
 * connection, {@code spring.data.redis.*}): the shared tier of the model response cache
 * ({@link ai.socagent.agentruntime.adapter.out.redis.RedisResponseCache}) and the token ledger
 * shared by the fleet ({@link ai.socagent.agentruntime.adapter.out.redis.RedisTokenLedger}).
 */
package ai.socagent.agentruntime.adapter.out.redis;
