package ai.socagent.contextstore.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.CredentialUtils;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.dax.ClusterDaxClient;
import software.amazon.dax.Configuration;

/**
 * L3 of the context cache: the DynamoDB client of the store when a DAX cluster is configured
 * ({@code soc.context-store.dynamodb.dax-url}, aws mode). DAX caches items and queries itself
 * (item cache for GetItem, query cache for Query), write-through for PutItem/UpdateItem. Kept in a
 * holder of its own so it is never a second {@link DynamoDbClient} bean for the application.
 *
 * <p>The one client the fleet still builds itself, deliberately: {@code ClusterDaxClient} is no AWS
 * SDK client builder, so spring-cloud-aws's {@code AwsClientBuilderConfigurer} cannot take it, and
 * spring-cloud-aws's own DAX support ({@code spring.cloud.aws.dynamodb.dax.url}) would replace the
 * application's only {@link DynamoDbClient}, which must stay plain for the calls DAX does not serve
 * (DescribeTable, streams, TTL, the shard leases). It takes the region and credentials of that
 * client, which the configurer built from {@code spring.cloud.aws.*}.
 *
 * @param client the DAX client (a {@link DynamoDbClient})
 */
public record ContextStoreDax(DynamoDbClient client) implements AutoCloseable {

    public ContextStoreDax {
        Objects.requireNonNull(client, "client");
    }

    /**
     * A DAX client for {@code url} with the region and credentials of {@code template}.
     *
     * @throws UncheckedIOException the DAX client cannot start
     */
    public static ContextStoreDax create(String url, DynamoDbClient template) {
        var settings = template.serviceClientConfiguration();
        Configuration.Builder configuration = Configuration.builder().url(url).region(settings.region());
        if (settings.credentialsProvider() != null) {
            configuration.credentialsProvider(CredentialUtils.toCredentialsProvider(settings.credentialsProvider()));
        }
        try {
            return new ContextStoreDax(ClusterDaxClient.builder()
                    .overrideConfiguration(configuration.build())
                    .build());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the DAX client for " + url, e);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
