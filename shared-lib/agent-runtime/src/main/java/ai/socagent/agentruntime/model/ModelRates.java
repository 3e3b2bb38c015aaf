package ai.socagent.agentruntime.model;

import java.time.Duration;

/**
 * The requests and tokens per minute of each model, the rate part of the {@link ModelCallGate}:
 * enforced per second (requests, a minute's allowance divided by 60) and per 10 s (tokens, divided by
 * 6), so a burst cannot spend a whole minute's quota at once. {@link InMemoryModelRates} keeps them in
 * this process (the default); the Redis adapter shares them with the fleet ({@code
 * soc.agent-runtime.limits.shared=redis}).
 */
public interface ModelRates {

    /** The period of the requests allowance. */
    Duration REQUEST_PERIOD = Duration.ofSeconds(1);

    /** The period of the tokens allowance. */
    Duration TOKEN_PERIOD = Duration.ofSeconds(10);

    /**
     * Takes one request and {@code tokens} tokens of {@code modelId}'s allowances, waiting (parking
     * the calling thread) up to {@code maxWait}.
     *
     * @param tokens at least 1 and at most {@link #tokensPerPeriod} of the quota
     * @return false when the allowances did not permit the call within {@code maxWait}
     */
    boolean acquire(String modelId, ModelCallGate.Quota quota, long tokens, Duration maxWait);

    /** The requests a model may start per {@link #REQUEST_PERIOD}. */
    static int requestsPerPeriod(ModelCallGate.Quota quota) {
        return Math.max(1, quota.requestsPerMinute() / 60);
    }

    /** The tokens a model may reserve per {@link #TOKEN_PERIOD}. */
    static int tokensPerPeriod(ModelCallGate.Quota quota) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, quota.tokensPerMinute() / 6));
    }
}
