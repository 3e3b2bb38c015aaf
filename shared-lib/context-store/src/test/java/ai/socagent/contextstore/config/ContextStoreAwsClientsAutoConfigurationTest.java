package ai.socagent.contextstore.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.awspring.cloud.autoconfigure.core.AwsAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.CredentialsProviderAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.RegionProviderAutoConfiguration;
import io.awspring.cloud.autoconfigure.s3.S3AutoConfiguration;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.AwsServiceClientConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The store's AWS clients: the S3 starter's and those built through spring-cloud-aws's configurer,
 * all from the one set of {@code spring.cloud.aws.*} settings.
 */
class ContextStoreAwsClientsAutoConfigurationTest {

    /** The local archive's evidence store is a database opened with the context: in a temporary directory. */
    @TempDir
    static Path archive;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    RegionProviderAutoConfiguration.class,
                    CredentialsProviderAutoConfiguration.class,
                    AwsAutoConfiguration.class,
                    S3AutoConfiguration.class,
                    ContextStoreAwsClientsAutoConfiguration.class,
                    ContextStoreAutoConfiguration.class))
            .withPropertyValues(
                    "spring.cloud.aws.endpoint=http://localstack:4566",
                    "spring.cloud.aws.region.static=eu-west-1",
                    "spring.cloud.aws.credentials.access-key=fleet-key",
                    "spring.cloud.aws.credentials.secret-key=fleet-secret",
                    "spring.cloud.aws.s3.path-style-access-enabled=true",
                    "soc.context-store.archive.backend=local")
            .withInitializer(context -> org.springframework.boot.test.util.TestPropertyValues.of(
                            "soc.context-store.archive.local-directory=" + archive.resolve("archive"))
                    .applyTo(context));

    @Test
    void dynamodbBackend_withTheOneEndpointRegionAndCredentialsSetting_pointsEveryClientAtIt() {
        runner.withPropertyValues("soc.context-store.backend=dynamodb").run(context -> {
            assertThat(context).hasNotFailed();
            AwsCredentialsProvider credentials = context.getBean(AwsCredentialsProvider.class);
            assertThat(credentials.resolveCredentials().accessKeyId()).isEqualTo("fleet-key");
            S3Client s3 = context.getBean(S3Client.class);
            List<AwsServiceClientConfiguration> clients = List.of(
                    context.getBean(DynamoDbClient.class).serviceClientConfiguration(),
                    context.getBean(DynamoDbStreamsClient.class).serviceClientConfiguration(),
                    s3.serviceClientConfiguration());
            assertThat(clients).allSatisfy(client -> {
                assertThat(client.endpointOverride()).contains(URI.create("http://localstack:4566"));
                assertThat(client.region()).isEqualTo(Region.EU_WEST_1);
                assertThat(client.credentialsProvider()).isSameAs(credentials);
            });
            // an emulator's buckets are paths, not host names
            assertThat(s3.utilities()
                            .getUrl(b -> b.bucket("context-archive").key("k"))
                            .toString())
                    .isEqualTo("http://localstack:4566/context-archive/k");
        });
    }

    @Test
    void aDynamoDbEndpointOfItsOwn_winsForDynamoDbOnly() {
        runner.withPropertyValues(
                        "soc.context-store.backend=dynamodb",
                        "spring.cloud.aws.dynamodb.endpoint=http://dynamodb.internal:8000")
                .run(context -> {
                    assertThat(context.getBean(DynamoDbClient.class)
                                    .serviceClientConfiguration()
                                    .endpointOverride())
                            .contains(URI.create("http://dynamodb.internal:8000"));
                    assertThat(context.getBean(DynamoDbStreamsClient.class)
                                    .serviceClientConfiguration()
                                    .endpointOverride())
                            .contains(URI.create("http://localstack:4566"));
                });
    }

    @Test
    void theApplicationsOwnDynamoDbClient_backsTheStoresOff() {
        DynamoDbClient own = DynamoDbClient.builder()
                .region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .build();
        runner.withPropertyValues("soc.context-store.backend=dynamodb")
                .withBean(DynamoDbClient.class, () -> own)
                .run(context ->
                        assertThat(context.getBean(DynamoDbClient.class)).isSameAs(own));
        own.close();
    }

    @Test
    void embeddedBackend_buildsNoDynamoDbClient(@TempDir Path directory) {
        runner.withPropertyValues(
                        "soc.context-store.embedded.file=" + directory.resolve("store"),
                        "soc.context-store.archive.local-directory=" + directory.resolve("archive"))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(DynamoDbClient.class);
                    assertThat(context).doesNotHaveBean(DynamoDbStreamsClient.class);
                });
    }
}
