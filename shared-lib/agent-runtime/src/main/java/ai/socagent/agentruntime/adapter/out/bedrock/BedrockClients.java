package ai.socagent.agentruntime.adapter.out.bedrock;

import ai.socagent.domain.agent.AgentName;
import java.time.Duration;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;

/**
 * What the Bedrock adapters need of their clients' builders, whoever builds them (the agent
 * runtime's configuration, through spring-cloud-aws's configurer): an API call timeout and SDK
 * retries off (the port retries throttling with jitter and owns the circuit breaker). Endpoint,
 * region and credentials are the builder's business.
 */
public final class BedrockClients {

    private BedrockClients() {}

    /** {@code builder} with the call timeout and without SDK retries, the rest of its overrides kept. */
    public static <B extends AwsClientBuilder<B, ?>> B forThePort(B builder, Duration callTimeout) {
        return builder.overrideConfiguration(builder.overrideConfiguration().toBuilder()
                .apiCallTimeout(callTimeout)
                .retryStrategy(AwsRetryStrategy.doNotRetry())
                .build());
    }

    /** HTTP connections for a process whose agents each keep up to {@code perAgent} calls in flight. */
    public static int connectionsFor(int perAgent) {
        return Math.clamp((long) perAgent * AgentName.values().length, 50, 5_000);
    }
}
