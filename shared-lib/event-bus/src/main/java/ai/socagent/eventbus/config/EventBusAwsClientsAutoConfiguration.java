package ai.socagent.eventbus.config;

import io.awspring.cloud.autoconfigure.AwsSyncClientCustomizer;
import io.awspring.cloud.autoconfigure.core.AwsAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.AwsClientBuilderConfigurer;
import io.awspring.cloud.autoconfigure.core.AwsConnectionDetails;
import io.awspring.cloud.autoconfigure.dynamodb.DynamoDbClientCustomizer;
import io.awspring.cloud.autoconfigure.dynamodb.DynamoDbProperties;
import io.awspring.cloud.autoconfigure.sqs.SqsAutoConfiguration;
import io.awspring.cloud.autoconfigure.sqs.SqsProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The AWS clients of the {@code aws} mode, all from spring-cloud-aws's {@code spring.cloud.aws.*}
 * settings ({@code endpoint}, {@code region.static}, {@code credentials.*}; an emulator: LocalStack
 * in the local mode, moto in tests), so that one endpoint points every client at it:
 *
 * <ul>
 *   <li>{@link software.amazon.awssdk.services.sqs.SqsAsyncClient} (the listener containers): the
 *       spring-cloud-aws SQS starter's ({@code spring.cloud.aws.sqs.*}).
 *   <li>{@link SqsClient} (queue URLs, dead-letter moves and the DLQ inspector): built here through
 *       spring-cloud-aws's {@link AwsClientBuilderConfigurer} with the SQS starter's {@link
 *       SqsProperties}, so it talks to the same endpoint and region as the async one.
 *   <li>{@link EventBridgeClient} (the publisher): through the configurer, global settings.
 *   <li>{@link DynamoDbClient} (the idempotency table): through the configurer with {@link
 *       DynamoDbProperties} ({@code spring.cloud.aws.dynamodb.*}) and the {@link
 *       DynamoDbClientCustomizer}s, as spring-cloud-aws's DynamoDB starter would (that starter is
 *       not published for the 4.0.x line the BOM pins).
 * </ul>
 *
 * Every client backs off when the application defines its own, and each is closed with the context.
 */
@AutoConfiguration(
        before = EventBusAutoConfiguration.class,
        after = {AwsAutoConfiguration.class, SqsAutoConfiguration.class})
@ConditionalOnProperty(prefix = "soc.event-bus", name = "mode", havingValue = "aws")
@EnableConfigurationProperties({SqsProperties.class, DynamoDbProperties.class})
public class EventBusAwsClientsAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    EventBridgeClient eventBridgeClient(
            AwsClientBuilderConfigurer configurer,
            ObjectProvider<AwsConnectionDetails> connectionDetails,
            ObjectProvider<AwsSyncClientCustomizer> syncCustomizers) {
        return configurer
                .configureSyncClient(
                        EventBridgeClient.builder(),
                        null,
                        connectionDetails.getIfAvailable(),
                        null,
                        syncCustomizers.orderedStream())
                .build();
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    SqsClient sqsClient(
            AwsClientBuilderConfigurer configurer,
            SqsProperties properties,
            ObjectProvider<AwsConnectionDetails> connectionDetails,
            ObjectProvider<AwsSyncClientCustomizer> syncCustomizers) {
        return configurer
                .configureSyncClient(
                        SqsClient.builder(),
                        properties,
                        connectionDetails.getIfAvailable(),
                        null,
                        syncCustomizers.orderedStream())
                .build();
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    DynamoDbClient dynamoDbClient(
            AwsClientBuilderConfigurer configurer,
            DynamoDbProperties properties,
            ObjectProvider<AwsConnectionDetails> connectionDetails,
            ObjectProvider<DynamoDbClientCustomizer> customizers,
            ObjectProvider<AwsSyncClientCustomizer> syncCustomizers) {
        return configurer
                .configureSyncClient(
                        DynamoDbClient.builder(),
                        properties,
                        connectionDetails.getIfAvailable(),
                        customizers.orderedStream(),
                        syncCustomizers.orderedStream())
                .build();
    }
}
