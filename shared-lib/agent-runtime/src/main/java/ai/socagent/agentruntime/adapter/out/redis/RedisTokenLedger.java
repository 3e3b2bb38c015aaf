package ai.socagent.agentruntime.adapter.out.redis;

import ai.socagent.agentruntime.budget.TokenLedger;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.util.Objects;

/**
 * The token ledger shared by the fleet: one Redis counter per budget ({@code <prefix>daily:<date>},
 * {@code <prefix>investigation:<id>}), incremented with INCRBY and given its expiry with EXPIRE in
 * one server-side script, so concurrent instances never lose an increment and no counter outlives
 * its TTL.
 */
public final class RedisTokenLedger implements TokenLedger {

    /** Default key prefix. */
    public static final String DEFAULT_PREFIX = "soc:token-budget:";

    private static final String INCRBY_EXPIRE = "local total = redis.call('INCRBY', KEYS[1], ARGV[1])\n"
            + "redis.call('EXPIRE', KEYS[1], ARGV[2])\n"
            + "return total";

    private final AgentRuntimeRedis redis;
    private final String prefix;

    public RedisTokenLedger(AgentRuntimeRedis redis, String prefix) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.prefix = Objects.requireNonNull(prefix, "prefix");
    }

    /** The Redis key of a ledger key. */
    public String redisKey(String key) {
        return prefix + key;
    }

    @Override
    public long add(String key, long tokens, Duration ttl) {
        long seconds = Math.max(1, ttl.toSeconds());
        Long total = redis.commands()
                .eval(
                        INCRBY_EXPIRE,
                        ScriptOutputType.INTEGER,
                        new String[] {redisKey(key)},
                        Long.toString(tokens),
                        Long.toString(seconds));
        return total == null ? 0 : total;
    }

    @Override
    public long get(String key) {
        String value = redis.commands().get(redisKey(key));
        if (value == null) {
            return 0;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("token ledger key " + redisKey(key) + " holds " + value, e);
        }
    }
}
