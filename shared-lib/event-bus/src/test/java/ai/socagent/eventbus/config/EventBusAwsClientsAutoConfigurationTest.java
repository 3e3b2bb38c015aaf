package ai.socagent.eventbus.config;

import static org.assertj.core.api.Assertions.assertThat;

import ai.socagent.eventbus.EventPublisher;
import ai.socagent.eventbus.IdempotencyStore;
import ai.socagent.eventbus.aws.DynamoDbIdempotencyStore;
import ai.socagent.eventbus.aws.EventBridgePublisher;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The aws mode's own clients: from soc.aws.endpoint / soc.aws.region, backing off for the application's. */
class EventBusAwsClientsAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(EventBusAwsClientsAutoConfiguration.class, EventBusAutoConfiguration.class));

    @Test
    void awsMode_withEndpointAndRegion_buildsEveryClientAgainstThem() {
        AwsCredentialsProvider credentials = AnonymousCredentialsProvider.create();
        runner.withBean(AwsCredentialsProvider.class, () -> credentials)
                .withPropertyValues(
                        "soc.event-bus.mode=aws",
                        "soc.event-bus.aws.idempotency-table=local-EventIdempotencyTable",
                        "soc.aws.endpoint=http://localstack:4566",
                        "soc.aws.region=eu-west-1")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    var events = context.getBean(EventBridgeClient.class).serviceClientConfiguration();
                    assertThat(events.endpointOverride()).contains(URI.create("http://localstack:4566"));
                    assertThat(events.region()).isEqualTo(Region.EU_WEST_1);
                    assertThat(events.credentialsProvider()).isSameAs(credentials);
                    assertThat(context.getBean(SqsClient.class)
                                    .serviceClientConfiguration()
                                    .endpointOverride())
                            .contains(URI.create("http://localstack:4566"));
                    assertThat(context.getBean(SqsAsyncClient.class)
                                    .serviceClientConfiguration()
                                    .region())
                            .isEqualTo(Region.EU_WEST_1);
                    assertThat(context.getBean(DynamoDbClient.class)
                                    .serviceClientConfiguration()
                                    .endpointOverride())
                            .contains(URI.create("http://localstack:4566"));
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
                .withPropertyValues("soc.event-bus.mode=aws", "soc.aws.region=us-east-1")
                .run(context ->
                        assertThat(context.getBean(EventBridgeClient.class)).isSameAs(own));
    }

    @Test
    void inProcessMode_buildsNoAwsClient() {
        runner.withPropertyValues(
                        "soc.aws.endpoint=http://localstack:4566", "soc.event-bus.in-process.journal.enabled=false")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(EventBridgeClient.class);
                    assertThat(context).doesNotHaveBean(SqsClient.class);
                    assertThat(context).doesNotHaveBean(DynamoDbClient.class);
                });
    }
}
