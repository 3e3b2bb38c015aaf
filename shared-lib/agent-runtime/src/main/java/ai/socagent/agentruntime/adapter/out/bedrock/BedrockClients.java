package ai.socagent.agentruntime.adapter.out.bedrock;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockagentruntime.BedrockAgentRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

/**
 * Builds the Bedrock clients the adapters use: an API call timeout, SDK retries off (the port
 * retries throttling with jitter and owns the circuit breaker), and an optional endpoint override
 * (a local fake in tests, a VPC endpoint in production).
 */
public final class BedrockClients {

    private BedrockClients() {}

    public static BedrockRuntimeClient runtime(
            Region region, AwsCredentialsProvider credentials, Optional<URI> endpoint, Duration callTimeout) {
        var builder = BedrockRuntimeClient.builder()
                .region(region)
                .credentialsProvider(credentials)
                .overrideConfiguration(c -> c.apiCallTimeout(callTimeout).retryStrategy(AwsRetryStrategy.doNotRetry()));
        endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }

    public static BedrockAgentRuntimeAsyncClient agents(
            Region region, AwsCredentialsProvider credentials, Optional<URI> endpoint, Duration callTimeout) {
        var builder = BedrockAgentRuntimeAsyncClient.builder()
                .region(region)
                .credentialsProvider(credentials)
                .overrideConfiguration(c -> c.apiCallTimeout(callTimeout).retryStrategy(AwsRetryStrategy.doNotRetry()));
        endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
