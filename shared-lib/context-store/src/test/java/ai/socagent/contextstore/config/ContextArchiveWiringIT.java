package ai.socagent.contextstore.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.socagent.contextstore.AgentContextEntry;
import ai.socagent.contextstore.AgentContextRepository;
import ai.socagent.contextstore.ArchiveReason;
import ai.socagent.contextstore.ArchivedEntry;
import ai.socagent.contextstore.ContextArchive;
import ai.socagent.contextstore.ContextArchiveKeys;
import ai.socagent.contextstore.ContextKeys;
import ai.socagent.contextstore.ContextTables;
import ai.socagent.testsupport.backends.AwsEndpoint;
import ai.socagent.testsupport.backends.TestBackends;
import io.awspring.cloud.autoconfigure.core.AwsAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.CredentialsProviderAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.RegionProviderAutoConfiguration;
import io.awspring.cloud.autoconfigure.s3.S3AutoConfiguration;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The aws-mode wiring end to end on moto, every client of the store (DynamoDB, DynamoDB Streams,
 * S3) from spring-cloud-aws's one {@code spring.cloud.aws.endpoint} setting: tables and buckets
 * provisioned at start-up, the stream
 * archiver running on its own schedule, and an item deleted from AgentContextTable showing up in
 * the archive bucket.
 */
class ContextArchiveWiringIT {

    @Test
    void streamArchiverEnabled_archivesAnItemDeletedFromTheAgentTable() {
        AwsEndpoint aws = TestBackends.aws();
        String environment = TestBackends.uniqueName("wire");
        try (DynamoDbClient dynamoDb = aws.configure(DynamoDbClient.builder()).build();
                S3Client s3 = aws.configure(S3Client.builder()).build();
                KmsClient kms = aws.configure(KmsClient.builder()).build()) {
            String keyId = kms.createKey(b -> b.description("wiring " + environment))
                    .keyMetadata()
                    .keyId();
            AwsCredentials credentials = aws.credentials().resolveCredentials();
            new ApplicationContextRunner()
                    .withConfiguration(AutoConfigurations.of(
                            RegionProviderAutoConfiguration.class,
                            CredentialsProviderAutoConfiguration.class,
                            AwsAutoConfiguration.class,
                            S3AutoConfiguration.class,
                            ContextStoreAwsClientsAutoConfiguration.class,
                            ContextStoreAutoConfiguration.class))
                    .withPropertyValues(
                            // the one setting: every client of the store (DynamoDB, Streams, S3) from it
                            "spring.cloud.aws.endpoint=" + aws.endpoint(),
                            "spring.cloud.aws.region.static=" + aws.region().id(),
                            "spring.cloud.aws.credentials.access-key=" + credentials.accessKeyId(),
                            "spring.cloud.aws.credentials.secret-key=" + credentials.secretAccessKey(),
                            "spring.cloud.aws.s3.path-style-access-enabled=true",
                            "soc.context-store.backend=dynamodb",
                            "soc.context-store.environment=" + environment,
                            "soc.context-store.dynamodb.provision-tables=true",
                            "soc.context-store.archive.kms-key-id=" + keyId,
                            "soc.context-store.archive.provision-buckets=true",
                            "soc.context-store.archive.stream-archiver.enabled=true",
                            "soc.context-store.archive.stream-archiver.poll-interval=200ms")
                    .run(context -> {
                        assertThat(context).hasNotFailed().hasSingleBean(AgentContextStreamArchiving.class);
                        // provisioned when the context started (SmartLifecycle), not while its beans were made
                        assertThat(context.getBeansOfType(ContextStoreProvisioning.class))
                                .hasSize(2)
                                .allSatisfy((name, provisioning) ->
                                        assertThat(provisioning.isRunning()).isTrue());
                        assertThat(context.getBean(AgentContextStreamArchiving.class)
                                        .isRunning())
                                .isTrue();
                        assertThat(context.getBean(DynamoDbClient.class)).isNotSameAs(dynamoDb);
                        ContextTables tables = context.getBean(ContextTables.class);
                        AgentContextEntry entry = context.getBean(AgentContextRepository.class)
                                .create(AgentContextEntry.of(
                                        "agent-w", "s", Instant.now().truncatedTo(ChronoUnit.MICROS), "{}"));
                        dynamoDb.deleteItem(r -> r.tableName(tables.nameOf(ContextTables.AGENT))
                                .key(Map.of(
                                        ContextTables.AGENT_ID,
                                        AttributeValue.fromS(entry.agentId()),
                                        ContextTables.SESSION_ID_TIMESTAMP,
                                        AttributeValue.fromS(
                                                ContextKeys.composite(entry.sessionId(), entry.timestamp())))));
                        ContextArchive archive = context.getBean(ContextArchive.class);
                        String prefix = ContextArchiveKeys.prefix(tables, ContextTables.AGENT, "agent-w");

                        await().atMost(Duration.ofSeconds(30))
                                .pollInterval(Duration.ofMillis(200))
                                .untilAsserted(
                                        () -> assertThat(archive.list(prefix)).hasSize(1));
                        assertThat(archive.read(archive.list(prefix).getFirst())
                                        .orElseThrow()
                                        .entries())
                                .singleElement()
                                .satisfies(e -> {
                                    assertThat(e.reason()).isEqualTo(ArchiveReason.DELETED);
                                    assertThat(e.asAgent()).isEqualTo(entry);
                                })
                                .extracting(ArchivedEntry::removedAt)
                                .isNotNull();
                        assertThat(s3.getBucketVersioning(r -> r.bucket(environment + "-context-archive"))
                                        .statusAsString())
                                .isEqualTo("Enabled");
                        tables.names().forEach(n -> dynamoDb.deleteTable(r -> r.tableName(n)));
                    });
            kms.scheduleKeyDeletion(b -> b.keyId(keyId).pendingWindowInDays(7));
        }
    }
}
