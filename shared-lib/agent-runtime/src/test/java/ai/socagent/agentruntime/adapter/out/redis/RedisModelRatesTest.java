package ai.socagent.agentruntime.adapter.out.redis;

import static org.assertj.core.api.Assertions.assertThat;

import ai.socagent.agentruntime.model.ModelCallGate;
import ai.socagent.agentruntime.model.ModelRates;
import io.lettuce.core.RedisConnectionException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The fail-open logic of {@link RedisModelRates} with a connector that fails (the Redis side is in the IT). */
class RedisModelRatesTest {

    private static final ModelCallGate.Quota QUOTA = new ModelCallGate.Quota(4, 120, 60_000L);
    private static final Duration RETRY = Duration.ofSeconds(5);

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final AtomicInteger connects = new AtomicInteger();
    private final List<String> fallbackCalls = new ArrayList<>();
    private final ModelRates fallback = (modelId, quota, tokens, maxWait) -> {
        fallbackCalls.add(modelId + "/" + tokens + "/" + maxWait.toMillis());
        return !modelId.equals("refused");
    };
    private final RedisModelRates rates = new RedisModelRates(
            () -> {
                connects.incrementAndGet();
                throw new RedisConnectionException("connection refused");
            },
            fallback,
            RedisModelRates.DEFAULT_PREFIX,
            RETRY,
            meters,
            now::get);

    private double errors(String model) {
        return meters.get("soc.model.calls.quota-store-errors")
                .tag("model", model)
                .counter()
                .count();
    }

    @Test
    void connectFails_theCallTakesThisProcesssLimitsAndIsCounted() {
        assertThat(rates.acquire("m", QUOTA, 700, Duration.ofMillis(250))).isTrue();
        assertThat(rates.acquire("refused", QUOTA, 1, Duration.ofMillis(250))).isFalse();

        assertThat(fallbackCalls).containsExactly("m/700/250", "refused/1/250");
        assertThat(errors("m")).isEqualTo(1);
        assertThat(errors("refused")).isEqualTo(1);
        assertThat(rates.connected()).isFalse();
    }

    @Test
    void afterAFailedConnect_noConnectIsTriedForTheRetryInterval() {
        rates.acquire("m", QUOTA, 1, Duration.ofMillis(100));
        now.addAndGet(RETRY.toNanos() - 1);
        rates.acquire("m", QUOTA, 1, Duration.ofMillis(100));
        rates.acquire("m", QUOTA, 1, Duration.ofMillis(100));
        assertThat(connects).hasValue(1);
        assertThat(errors("m")).isEqualTo(3);

        now.addAndGet(1);
        rates.acquire("m", QUOTA, 1, Duration.ofMillis(100));
        assertThat(connects).hasValue(2);
        assertThat(fallbackCalls).hasSize(4);
    }

    @Test
    void closed_neverConnectsAndFallsBack() {
        rates.close();
        now.addAndGet(RETRY.toNanos());

        assertThat(rates.acquire("m", QUOTA, 1, Duration.ofMillis(100))).isTrue();
        assertThat(connects).hasValue(0);
        assertThat(errors("m")).isEqualTo(1);
    }

    @Test
    void redisKey_isThePrefixTheModelAndTheBucket() {
        assertThat(rates.redisKey("anthropic.claude-3-5-haiku-20241022-v1:0", "tokens"))
                .isEqualTo("soc:model-quota:anthropic.claude-3-5-haiku-20241022-v1:0:tokens");
    }
}
