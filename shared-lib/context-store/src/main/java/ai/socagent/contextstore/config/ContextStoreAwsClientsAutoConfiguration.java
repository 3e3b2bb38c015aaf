package ai.socagent.contextstore.config;

import io.awspring.cloud.autoconfigure.AwsSyncClientCustomizer;
import io.awspring.cloud.autoconfigure.core.AwsAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.AwsClientBuilderConfigurer;
import io.awspring.cloud.autoconfigure.core.AwsConnectionDetails;
import io.awspring.cloud.autoconfigure.dynamodb.DynamoDbClientCustomizer;
import io.awspring.cloud.autoconfigure.dynamodb.DynamoDbProperties;
import io.awspring.cloud.autoconfigure.s3.S3AutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The AWS clients of the {@code dynamodb} store, all from spring-cloud-aws's {@code spring.cloud.aws.*}
 * settings ({@code endpoint}, {@code region.static}, {@code credentials.*}), so that one endpoint
 * points every client of the fleet at an emulator:
 *
 * <ul>
 *   <li>{@link software.amazon.awssdk.services.s3.S3Client} (archive, evidence, stream checkpoints):
 *       the spring-cloud-aws S3 starter's ({@code spring.cloud.aws.s3.*}; an emulator wants {@code
 *       spring.cloud.aws.s3.path-style-access-enabled=true}).
 *   <li>{@link DynamoDbClient}: built here through spring-cloud-aws's {@link AwsClientBuilderConfigurer}
 *       with its {@link DynamoDbProperties} ({@code spring.cloud.aws.dynamodb.endpoint/region}) and
 *       {@link DynamoDbClientCustomizer}s, exactly as its DynamoDB starter would; that starter's
 *       {@code spring-cloud-aws-dynamodb} module is not published for the 4.0.x line the BOM pins, so
 *       the client is built here from its auto-configuration's own parts.
 *   <li>{@link DynamoDbStreamsClient} (the stream archiver of AgentContextTable): through the same
 *       configurer, global settings only (the streams endpoint is not DynamoDB's).
 * </ul>
 *
 * Each backs off when the application defines its own. The L3 DAX client ({@link ContextStoreDax})
 * is not an AWS SDK client builder: it stays built by the store from the DynamoDB client's region
 * and credentials, so that the application keeps the plain {@link DynamoDbClient} (DAX answers no
 * DescribeTable, streams or TTL calls).
 */
@AutoConfiguration(
        before = ContextStoreAutoConfiguration.class,
        after = {AwsAutoConfiguration.class, S3AutoConfiguration.class})
@ConditionalOnProperty(prefix = "soc.context-store", name = "backend", havingValue = "dynamodb")
@EnableConfigurationProperties(DynamoDbProperties.class)
public class ContextStoreAwsClientsAutoConfiguration {

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

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    DynamoDbStreamsClient dynamoDbStreamsClient(
            AwsClientBuilderConfigurer configurer,
            ObjectProvider<AwsConnectionDetails> connectionDetails,
            ObjectProvider<AwsSyncClientCustomizer> syncCustomizers) {
        return configurer
                .configureSyncClient(
                        DynamoDbStreamsClient.builder(),
                        null,
                        connectionDetails.getIfAvailable(),
                        null,
                        syncCustomizers.orderedStream())
                .build();
    }
}
