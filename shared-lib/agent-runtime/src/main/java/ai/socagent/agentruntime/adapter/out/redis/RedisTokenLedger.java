package ai.socagent.agentruntime.adapter.out.redis;

import ai.socagent.agentruntime.budget.TokenLedger;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The token ledger shared by the fleet: one Redis counter per budget ({@code <prefix>daily:<date>},
 * {@code <prefix>investigation:<id>}), incremented with INCRBY and given its expiry with EXPIRE in
 * one server-side script, so concurrent instances never lose an increment and no counter outlives
 * its TTL. Commands go over the application's one Redis connection ({@code spring.data.redis.*}),
 * through the template given.
 */
public final class RedisTokenLedger implements TokenLedger {

    /** Default key prefix. */
    public static final String DEFAULT_PREFIX = "soc:token-budget:";

    private static final RedisScript<Long> INCRBY_EXPIRE = RedisScript.of(
            "local total = redis.call('INCRBY', KEYS[1], ARGV[1])\n"
                    + "redis.call('EXPIRE', KEYS[1], ARGV[2])\n"
                    + "return total",
            Long.class);

    private final StringRedisTemplate redis;
    private final String prefix;

    public RedisTokenLedger(StringRedisTemplate redis, String prefix) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.prefix = Objects.requireNonNull(prefix, "prefix");
    }

    /** The template this ledger uses (over the application's one connection factory). */
    public StringRedisTemplate template() {
        return redis;
    }

    /** The Redis key of a ledger key. */
    public String redisKey(String key) {
        return prefix + key;
    }

    @Override
    public long add(String key, long tokens, Duration ttl) {
        long seconds = Math.max(1, ttl.toSeconds());
        Long total =
                redis.execute(INCRBY_EXPIRE, List.of(redisKey(key)), Long.toString(tokens), Long.toString(seconds));
        return total == null ? 0 : total;
    }

    @Override
    public long get(String key) {
        String value = redis.opsForValue().get(redisKey(key));
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
