package ai.socagent.contextstore.config;

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
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The AWS clients of the {@code dynamodb} store when the application has none of its own: DynamoDB
 * and S3 (the archive), built with the SDK's defaults unless {@code soc.aws.endpoint} (LocalStack in
 * the local mode, moto in tests; S3 then addressed path-style) and {@code soc.aws.region} say
 * otherwise. Credentials come from the application's {@link AwsCredentialsProvider} bean if it has
 * one, else from the SDK's default chain. The same {@code soc.aws.*} keys as the event bus's clients.
 */
@AutoConfiguration(before = ContextStoreAutoConfiguration.class)
@ConditionalOnProperty(prefix = "soc.context-store", name = "backend", havingValue = "dynamodb")
public class ContextStoreAwsClientsAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    DynamoDbClient dynamoDbClient(Environment environment, ObjectProvider<AwsCredentialsProvider> credentials) {
        return configure(DynamoDbClient.builder(), environment, credentials).build();
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    S3Client s3Client(Environment environment, ObjectProvider<AwsCredentialsProvider> credentials) {
        var builder = configure(S3Client.builder(), environment, credentials);
        if (endpoint(environment) != null) {
            builder.forcePathStyle(true); // bucket names cannot be host names of an emulator
        }
        return builder.build();
    }

    private static String endpoint(Environment environment) {
        String endpoint = environment.getProperty("soc.aws.endpoint");
        return endpoint == null || endpoint.isBlank() ? null : endpoint.strip();
    }

    private static <B extends AwsClientBuilder<B, ?>> B configure(
            B builder, Environment environment, ObjectProvider<AwsCredentialsProvider> credentials) {
        String endpoint = endpoint(environment);
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint));
        }
        String region = environment.getProperty("soc.aws.region");
        if (region != null && !region.isBlank()) {
            builder.region(Region.of(region.strip()));
        }
        credentials.ifAvailable(builder::credentialsProvider);
        return builder;
    }
}
