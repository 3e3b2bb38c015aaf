package ai.socagent.agentruntime.adapter.out.redis;

import ai.socagent.agentruntime.model.ModelAnswer;
import ai.socagent.agentruntime.model.ModelAnswerJson;
import ai.socagent.agentruntime.model.SharedResponseCache;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The shared tier of the model response cache in Redis: key {@code <prefix><SHA-256 of the
 * request>}, value the answer as JSON ({@link ModelAnswerJson}), {@code PX} = the cache TTL. An
 * unreadable value is deleted and reported as {@link IllegalArgumentException}. Commands go over the
 * application's one Redis connection ({@code spring.data.redis.*}), through the template given.
 */
public final class RedisResponseCache implements SharedResponseCache {

    /** Default key prefix. */
    public static final String DEFAULT_PREFIX = "soc:model-response:";

    private final StringRedisTemplate redis;
    private final String prefix;

    public RedisResponseCache(StringRedisTemplate redis, String prefix) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.prefix = Objects.requireNonNull(prefix, "prefix");
    }

    /** The template this cache uses (over the application's one connection factory). */
    public StringRedisTemplate template() {
        return redis;
    }

    /** The Redis key of a cache key. */
    public String redisKey(String key) {
        return prefix + key;
    }

    @Override
    public Optional<ModelAnswer> get(String key) {
        String value = redis.opsForValue().get(redisKey(key));
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ModelAnswerJson.decode(value));
        } catch (IllegalArgumentException e) {
            redis.delete(redisKey(key));
            throw e;
        }
    }

    @Override
    public void put(String key, ModelAnswer answer, Duration ttl) {
        redis.opsForValue().set(redisKey(key), ModelAnswerJson.encode(answer), ttl);
    }
}
