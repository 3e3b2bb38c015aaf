package ai.socagent.eventbus.config;

import java.net.URI;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The AWS clients of the {@code aws} mode when the application has none of its own: EventBridge,
 * SQS (blocking and async) and DynamoDB (the idempotency table), each built with the SDK's defaults
 * unless {@code soc.aws.endpoint} (an emulator: LocalStack in the local mode, moto in tests) and
 * {@code soc.aws.region} say otherwise. Credentials come from the application's {@link
 * AwsCredentialsProvider} bean if it has one, else from the SDK's default chain ({@code
 * AWS_ACCESS_KEY_ID} ..., the ECS task role). Every client backs off when the application defines
 * its own, and each is closed with the context.
 */
@AutoConfiguration(before = EventBusAutoConfiguration.class)
@ConditionalOnProperty(prefix = "soc.event-bus", name = "mode", havingValue = "aws")
public class EventBusAwsClientsAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    EventBridgeClient eventBridgeClient(Environment environment, ObjectProvider<AwsCredentialsProvider> credentials) {
        return configure(EventBridgeClient.builder(), environment, credentials).build();
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    SqsClient sqsClient(Environment environment, ObjectProvider<AwsCredentialsProvider> credentials) {
        return configure(SqsClient.builder(), environment, credentials).build();
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    SqsAsyncClient sqsAsyncClient(Environment environment, ObjectProvider<AwsCredentialsProvider> credentials) {
        return configure(SqsAsyncClient.builder(), environment, credentials).build();
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    DynamoDbClient dynamoDbClient(Environment environment, ObjectProvider<AwsCredentialsProvider> credentials) {
        return configure(DynamoDbClient.builder(), environment, credentials).build();
    }

    /** {@code soc.aws.endpoint}, {@code soc.aws.region} and the credentials bean, where given. */
    static <B extends AwsClientBuilder<B, ?>> B configure(
            B builder, Environment environment, ObjectProvider<AwsCredentialsProvider> credentials) {
        String endpoint = environment.getProperty("soc.aws.endpoint");
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint.strip()));
        }
        String region = environment.getProperty("soc.aws.region");
        if (region != null && !region.isBlank()) {
            builder.region(Region.of(region.strip()));
        }
        credentials.ifAvailable(builder::credentialsProvider);
        return builder;
    }
}
