package ai.socagent.agentruntime.model;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The models' rates in this process only (Resilience4j rate limiters per model id), shared by the
 * agents of the process; also the fallback of the shared adapter while Redis is unreachable. A
 * model's limiters are made with the quota of its first call. Thread-safe.
 */
public final class InMemoryModelRates implements ModelRates {

    private final Map<String, Rates> rates = new ConcurrentHashMap<>();

    @Override
    public boolean acquire(String modelId, ModelCallGate.Quota quota, long tokens, Duration maxWait) {
        Rates model = rates.computeIfAbsent(modelId, id -> new Rates(id, quota, maxWait));
        int reserve = (int) Math.max(1, Math.min(tokens, model.tokensPerPeriod));
        // Each waits up to maxWait, parking the calling virtual thread.
        return model.requests.acquirePermission(1) && model.tokens.acquirePermission(reserve);
    }

    /** The per-minute quotas of one model, enforced per second (requests) and per 10 s (tokens). */
    private static final class Rates {
        private final RateLimiter requests;
        private final RateLimiter tokens;
        private final int tokensPerPeriod;

        Rates(String modelId, ModelCallGate.Quota quota, Duration maxWait) {
            this.requests = RateLimiter.of(
                    "model-requests-" + modelId,
                    RateLimiterConfig.custom()
                            .limitRefreshPeriod(REQUEST_PERIOD)
                            .limitForPeriod(ModelRates.requestsPerPeriod(quota))
                            .timeoutDuration(maxWait)
                            .build());
            this.tokensPerPeriod = ModelRates.tokensPerPeriod(quota);
            this.tokens = RateLimiter.of(
                    "model-tokens-" + modelId,
                    RateLimiterConfig.custom()
                            .limitRefreshPeriod(TOKEN_PERIOD)
                            .limitForPeriod(tokensPerPeriod)
                            .timeoutDuration(maxWait)
                            .build());
        }
    }
}
