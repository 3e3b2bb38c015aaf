package ai.socagent.eventbus.config;

import static org.assertj.core.api.Assertions.assertThat;

import ai.socagent.eventbus.EventPublisher;
import ai.socagent.eventbus.IdempotencyStore;
import ai.socagent.eventbus.aws.DynamoDbIdempotencyStore;
import ai.socagent.eventbus.aws.EventBridgePublisher;
import io.awspring.cloud.autoconfigure.core.AwsAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.CredentialsProviderAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.RegionProviderAutoConfiguration;
import io.awspring.cloud.autoconfigure.sqs.SqsAutoConfiguration;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.AwsServiceClientConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The aws mode's clients: spring-cloud-aws's (the SQS starter's async client) and those built
 * through its configurer, all from the one set of {@code spring.cloud.aws.*} settings; backing off
 * for the application's.
 */
class EventBusAwsClientsAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    RegionProviderAutoConfiguration.class,
                    CredentialsProviderAutoConfiguration.class,
                    AwsAutoConfiguration.class,
                    SqsAutoConfiguration.class,
                    EventBusAwsClientsAutoConfiguration.class,
                    EventBusAutoConfiguration.class));

    @Test
    void awsMode_withTheOneEndpointRegionAndCredentialsSetting_pointsEveryClientAtIt() {
        runner.withPropertyValues(
                        "soc.event-bus.mode=aws",
                        "soc.event-bus.aws.idempotency-table=local-EventIdempotencyTable",
                        "spring.cloud.aws.endpoint=http://localstack:4566",
                        "spring.cloud.aws.region.static=eu-west-1",
                        "spring.cloud.aws.credentials.access-key=fleet-key",
                        "spring.cloud.aws.credentials.secret-key=fleet-secret")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    AwsCredentialsProvider credentials = context.getBean(AwsCredentialsProvider.class);
                    assertThat(credentials.resolveCredentials().accessKeyId()).isEqualTo("fleet-key");
                    List<AwsServiceClientConfiguration> clients = List.of(
                            context.getBean(EventBridgeClient.class).serviceClientConfiguration(),
                            context.getBean(SqsClient.class).serviceClientConfiguration(),
                            context.getBean(SqsAsyncClient.class).serviceClientConfiguration(),
                            context.getBean(DynamoDbClient.class).serviceClientConfiguration());
                    assertThat(clients).allSatisfy(client -> {
                        assertThat(client.endpointOverride()).contains(URI.create("http://localstack:4566"));
                        assertThat(client.region()).isEqualTo(Region.EU_WEST_1);
                        assertThat(client.credentialsProvider()).isSameAs(credentials);
                    });
                    // and the bus wires itself on them
                    assertThat(context.getBean(EventPublisher.class)).isInstanceOf(EventBridgePublisher.class);
                    assertThat(context.getBean(IdempotencyStore.class)).isInstanceOf(DynamoDbIdempotencyStore.class);
                });
    }

    @Test
    void awsMode_withTheApplicationsOwnClient_backsOff() {
        EventBridgeClient own = EventBridgeClient.builder()
                .region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .build();
        runner.withBean(EventBridgeClient.class, () -> own)
                .withPropertyValues("soc.event-bus.mode=aws", "spring.cloud.aws.region.static=us-east-1")
                .run(context ->
                        assertThat(context.getBean(EventBridgeClient.class)).isSameAs(own));
    }

    @Test
    void aClientsOwnEndpoint_winsOverTheFleetsForThatClientOnly() {
        runner.withPropertyValues(
                        "soc.event-bus.mode=aws",
                        "spring.cloud.aws.endpoint=http://localstack:4566",
                        "spring.cloud.aws.region.static=eu-west-1",
                        "spring.cloud.aws.sqs.endpoint=http://sqs.internal:9324",
                        "spring.cloud.aws.dynamodb.region=eu-central-1")
                .run(context -> {
                    assertThat(context.getBean(SqsClient.class)
                                    .serviceClientConfiguration()
                                    .endpointOverride())
                            .contains(URI.create("http://sqs.internal:9324"));
                    assertThat(context.getBean(SqsAsyncClient.class)
                                    .serviceClientConfiguration()
                                    .endpointOverride())
                            .contains(URI.create("http://sqs.internal:9324"));
                    assertThat(context.getBean(DynamoDbClient.class)
                                    .serviceClientConfiguration()
                                    .region())
                            .isEqualTo(Region.EU_CENTRAL_1);
                    assertThat(context.getBean(EventBridgeClient.class)
                                    .serviceClientConfiguration()
                                    .endpointOverride())
                            .contains(URI.create("http://localstack:4566"));
                });
    }

    @Test
    void inProcessMode_buildsNoAwsClientOfItsOwn() {
        runner.withPropertyValues(
                        "spring.cloud.aws.endpoint=http://localstack:4566",
                        "spring.cloud.aws.region.static=eu-west-1",
                        "soc.event-bus.in-process.journal.enabled=false")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(EventBridgeClient.class);
                    assertThat(context).doesNotHaveBean(SqsClient.class);
                    assertThat(context).doesNotHaveBean(DynamoDbClient.class);
                });
    }
}
