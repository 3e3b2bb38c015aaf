package ai.socagent.contextstore.config;

import static org.assertj.core.api.Assertions.assertThat;

import ai.socagent.contextstore.ContextArchive;
import ai.socagent.contextstore.ContextStore;
import ai.socagent.contextstore.ContextTables;
import ai.socagent.contextstore.Evidence;
import ai.socagent.contextstore.EvidenceReceipt;
import ai.socagent.contextstore.EvidenceStore;
import ai.socagent.contextstore.InvestigationContextArchiver;
import ai.socagent.contextstore.adapter.out.local.LocalDirectoryContextArchive;
import ai.socagent.contextstore.adapter.out.local.LocalDirectoryEvidenceStore;
import ai.socagent.contextstore.adapter.out.local.RocksDbEvidenceStore;
import ai.socagent.contextstore.adapter.out.s3.S3ContextArchive;
import ai.socagent.contextstore.adapter.out.s3.S3EvidenceStore;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/** Wiring of the archive ports: local directory in the standalone mode, S3 with the dynamodb store. */
class ContextArchiveAutoConfigurationTest {

    @TempDir
    Path directory;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ContextStoreAutoConfiguration.class))
                .withPropertyValues("soc.context-store.embedded.file=" + directory.resolve("data/store.mv"));
    }

    @Test
    void defaults_archiveToADirectoryBesideTheEmbeddedStore_withSevenYearEvidenceRetention() {
        Instant now = Instant.parse("2026-11-26T12:00:00Z");
        runner().withBean(Clock.class, () -> Clock.fixed(now, ZoneOffset.UTC)).run(context -> {
            assertThat(context).hasSingleBean(LocalDirectoryContextArchive.class);
            assertThat(context).hasSingleBean(RocksDbEvidenceStore.class);
            assertThat(context).hasSingleBean(InvestigationContextArchiver.class);
            assertThat(context).doesNotHaveBean(AgentContextStreamArchiving.class);
            assertThat(context.getBean(ContextArchiveSchedules.class).active()).isTrue();
            ContextStoreProperties properties = context.getBean(ContextStoreProperties.class);
            assertThat(properties.archive().localDirectory()).isEqualTo(directory.resolve("data/archive"));
            assertThat(properties.archive().evidenceRetention()).isEqualTo(Duration.parse("P2555D"));

            EvidenceReceipt receipt = context.getBean(EvidenceStore.class)
                    .put(new Evidence("inv", "e", "x".getBytes(StandardCharsets.UTF_8), null, Map.of()));
            assertThat(receipt.retainUntil()).isEqualTo(now.plus(Duration.ofDays(2555)));
            assertThat(properties.archive().evidenceDirectory())
                    .isEqualTo(directory.resolve("data/archive/evidence-db"));
            assertThat(receipt.location())
                    .startsWith(directory
                            .resolve("data/archive/evidence-db")
                            .toUri()
                            .toString());
        });
    }

    @Test
    void evidenceStore_importsTheOldDirectoryLayout_andIsClosedWithTheContext() {
        Path archive = directory.resolve("data/archive");
        EvidenceReceipt old = LocalDirectoryEvidenceStore.create(archive, Duration.ofDays(1), Clock.systemUTC())
                .put(new Evidence("inv", "old", "kept".getBytes(StandardCharsets.UTF_8), null, Map.of()));
        runner().run(context -> assertThat(context.getBean(EvidenceStore.class).get("inv", "old"))
                .hasValueSatisfying(s -> assertThat(s.receipt().sha256Base64()).isEqualTo(old.sha256Base64())));
        assertThat(archive.resolve("evidence")).doesNotExist();

        // closed with the context: the database can be opened again (RocksDB locks it while open)
        try (RocksDbEvidenceStore reopened = RocksDbEvidenceStore.open(
                archive.resolve("evidence-db"), Duration.ofDays(1), Clock.systemUTC(), false)) {
            assertThat(reopened.list("inv")).containsExactly("old");
        }
    }

    @Test
    void evidenceDirectory_isAProperty() {
        runner().withPropertyValues("soc.context-store.archive.evidence-directory=" + directory.resolve("ev"))
                .run(context -> {
                    context.getBean(EvidenceStore.class).put(new Evidence("inv", "e", new byte[] {1}, null, Map.of()));
                    assertThat(directory.resolve("ev").resolve("CURRENT")).exists();
                });
    }

    @Test
    void purgeSchedule_isALifecycle_runningWhileTheContextRuns_stoppedWhenItCloses() {
        ContextArchiveSchedules[] schedules = new ContextArchiveSchedules[1];
        runner().run(context -> {
            schedules[0] = context.getBean(ContextArchiveSchedules.class);
            assertThat(schedules[0].isRunning()).isTrue();
        });
        assertThat(schedules[0].isRunning()).isFalse();
    }

    @Test
    void purgeSchedule_purgesOnlyBetweenStartAndStop() {
        java.util.concurrent.atomic.AtomicInteger purges = new java.util.concurrent.atomic.AtomicInteger();
        ContextStore store = (ContextStore) java.lang.reflect.Proxy.newProxyInstance(
                ContextStore.class.getClassLoader(), new Class<?>[] {ContextStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("purgeExpired")) {
                        return purges.incrementAndGet() * 0;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        ContextArchive archive =
                LocalDirectoryContextArchive.create(directory.resolve("archive"), ContextTables.forEnvironment("t"));
        ContextArchiveSchedules schedules = ContextArchiveSchedules.purgeEvery(Duration.ofMillis(10), store, archive);

        assertThat(schedules.active()).isTrue();
        assertThat(schedules.isRunning()).isFalse();
        assertThat(purges).hasValue(0);
        schedules.start();
        try {
            org.awaitility.Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(purges.get()).isPositive());
        } finally {
            schedules.stop();
        }
        assertThat(schedules.isRunning()).isFalse();
    }

    @Test
    void purgeIntervalZero_schedulesNoPurge() {
        runner().withPropertyValues("soc.context-store.archive.purge-interval=0s")
                .run(context -> {
                    ContextArchiveSchedules schedules = context.getBean(ContextArchiveSchedules.class);
                    assertThat(schedules.active()).isFalse();
                    assertThat(schedules.isRunning()).isFalse();
                });
    }

    @Test
    void dynamodbStore_archivesToS3WithEnvironmentPrefixedBuckets() {
        try (DynamoDbClient dynamoDb = client(DynamoDbClient.builder());
                S3Client s3 = client(S3Client.builder())) {
            runner().withPropertyValues(
                            "soc.context-store.backend=dynamodb",
                            "soc.context-store.environment=dev",
                            "soc.context-store.archive.kms-key-id=alias/soc-archive")
                    .withBean(DynamoDbClient.class, () -> dynamoDb)
                    .withBean(S3Client.class, () -> s3)
                    .run(context -> {
                        assertThat(context).hasSingleBean(S3ContextArchive.class);
                        assertThat(context).hasSingleBean(S3EvidenceStore.class);
                        assertThat(context).doesNotHaveBean(ContextArchiveSchedules.class);
                        ContextStoreProperties properties = context.getBean(ContextStoreProperties.class);
                        assertThat(properties.bucketName(properties.archive().contextBucket()))
                                .isEqualTo("dev-context-archive");
                        assertThat(properties.bucketName(properties.archive().evidenceBucket()))
                                .isEqualTo("dev-investigation-evidence");
                    });
        }
    }

    @Test
    void s3Archive_withoutAnS3ClientOrAKey_failsTheStartupSayingWhat() {
        try (DynamoDbClient dynamoDb = client(DynamoDbClient.builder());
                S3Client s3 = client(S3Client.builder())) {
            runner().withPropertyValues("soc.context-store.backend=dynamodb")
                    .withBean(DynamoDbClient.class, () -> dynamoDb)
                    .run(context ->
                            assertThat(context.getStartupFailure()).hasStackTraceContaining("needs an S3Client bean"));
            runner().withPropertyValues("soc.context-store.archive.backend=s3")
                    .withBean(S3Client.class, () -> s3)
                    .run(context -> assertThat(context.getStartupFailure())
                            .hasStackTraceContaining("archive.kms-key-id must be set"));
        }
    }

    @Test
    void applicationArchive_present_backsTheArchiveOff() {
        ContextArchive own = LocalDirectoryContextArchive.create(
                directory.resolve("own"), ai.socagent.contextstore.ContextTables.forEnvironment("x"));
        runner().withBean(ContextArchive.class, () -> own)
                .run(context ->
                        assertThat(context.getBean(ContextArchive.class)).isSameAs(own));
    }

    private static <B extends software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, C>, C> C client(
            B builder) {
        return builder.endpointOverride(URI.create("http://127.0.0.1:9"))
                .region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .build();
    }
}
