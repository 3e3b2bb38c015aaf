package ai.socagent.agentruntime.config;

import io.awspring.cloud.autoconfigure.AwsClientProperties;

/**
 * The per-client settings of one Bedrock client, in spring-cloud-aws's shape ({@code endpoint},
 * {@code region}, {@code dualstack-enabled}) under {@code spring.cloud.aws.bedrock-runtime} (Converse)
 * or {@code spring.cloud.aws.bedrock-agent-runtime} (Agents); unset, the client follows the global
 * {@code spring.cloud.aws.endpoint} and {@code spring.cloud.aws.region.static}.
 */
public class BedrockClientProperties extends AwsClientProperties {}
