package ai.socagent.contextstore.adapter.in.dynamodbstreams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import ai.socagent.contextstore.AgentContextEntry;
import ai.socagent.contextstore.ArchiveBatch;
import ai.socagent.contextstore.ArchiveReason;
import ai.socagent.contextstore.ArchiveReceipt;
import ai.socagent.contextstore.ArchivedEntry;
import ai.socagent.contextstore.ContextArchive;
import ai.socagent.contextstore.ContextArchiveException;
import ai.socagent.contextstore.ContextArchiveKeys;
import ai.socagent.contextstore.ContextKeys;
import ai.socagent.contextstore.ContextStore;
import ai.socagent.contextstore.ContextTables;
import ai.socagent.contextstore.InvestigationContextArchiver;
import ai.socagent.contextstore.InvestigationContextEntry;
import ai.socagent.contextstore.StreamCheckpointStore;
import ai.socagent.contextstore.adapter.out.dynamodb.ContextTableProvisioner;
import ai.socagent.contextstore.adapter.out.dynamodb.DynamoDbContextStore;
import ai.socagent.contextstore.adapter.out.s3.S3ArchiveProvisioner;
import ai.socagent.contextstore.adapter.out.s3.S3ContextArchive;
import ai.socagent.contextstore.adapter.out.s3.S3StreamCheckpointStore;
import ai.socagent.testsupport.backends.AwsEndpoint;
import ai.socagent.testsupport.backends.TestBackends;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Nothing leaves AgentContextTable without a copy in S3: items deleted from the table (moto never
 * expires items by TTL, so deletion stands in for it) are read from the table's stream and archived
 * with their old image; checkpoints in S3 keep a restarted archiver from archiving twice or missing
 * any; an archive failure does not move the checkpoint. Also the investigation archiver over DynamoDB.
 */
class AgentContextStreamArchiverIT {

    private static final String ENVIRONMENT = TestBackends.uniqueName("arc");
    private static final ContextTables TABLES = ContextTables.forEnvironment(ENVIRONMENT);
    private static final String BUCKET = TestBackends.uniqueName("ctx-stream");

    private static DynamoDbClient dynamoDb;
    private static DynamoDbStreamsClient streams;
    private static S3Client s3;
    private static KmsClient kms;
    private static String keyArn;
    private static String keyId;
    private static String streamArn;

    private ContextStore store;
    private ContextArchive archive;
    private StreamCheckpointStore checkpoints;

    @BeforeAll
    static void backends() {
        AwsEndpoint aws = TestBackends.aws();
        dynamoDb = aws.configure(DynamoDbClient.builder()).build();
        streams = aws.configure(DynamoDbStreamsClient.builder()).build();
        s3 = aws.configure(S3Client.builder()).build();
        kms = aws.configure(KmsClient.builder()).build();
        var key = kms.createKey(b -> b.description("stream archive " + BUCKET)).keyMetadata();
        keyArn = key.arn();
        keyId = key.keyId();
        ContextTableProvisioner.create(dynamoDb, TABLES).provision();
        S3ArchiveProvisioner.create(s3, BUCKET, BUCKET + "-ev", keyArn).provision();
        streamArn = AgentContextStreamArchiver.streamArnOf(dynamoDb, TABLES);
    }

    @AfterAll
    static void close() {
        if (dynamoDb != null) {
            TABLES.names().forEach(n -> dynamoDb.deleteTable(r -> r.tableName(n)));
            // by id: moto 5.2.5 answers ScheduleKeyDeletion with a key ARN with HTTP 500
            kms.scheduleKeyDeletion(b -> b.keyId(keyId).pendingWindowInDays(7));
            dynamoDb.close();
            streams.close();
            s3.close();
            kms.close();
        }
    }

    @BeforeEach
    void open() {
        store = DynamoDbContextStore.create(dynamoDb, TABLES);
        archive = S3ContextArchive.create(s3, BUCKET, keyArn, TABLES);
        checkpoints = S3StreamCheckpointStore.create(s3, BUCKET, keyArn);
    }

    private AgentContextStreamArchiver archiver(ContextArchive to) {
        return AgentContextStreamArchiver.create(
                streams,
                streamArn,
                to,
                checkpoints,
                AgentContextStreamArchiver.InitialPosition.TRIM_HORIZON,
                Clock.systemUTC());
    }

    @Test
    void deletedItem_isArchivedWithItsOldImage_onceAcrossRestarts() {
        String agent = TestBackends.uniqueName("agent");
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        AgentContextEntry stored = store.agents().create(AgentContextEntry.of(agent, "s1", at, "{\"memory\":\"m\"}"));
        AgentContextEntry updated = store.agents().update(stored.withPayload("{\"memory\":\"m2\"}"));
        delete(updated);
        String prefix = ContextArchiveKeys.prefix(TABLES, ContextTables.AGENT, agent);

        try (AgentContextStreamArchiver first = archiver(archive)) {
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> {
                        first.poll();
                        assertThat(archive.list(prefix)).hasSize(1);
                    });
        }
        List<String> keys = archive.list(prefix);
        ArchiveBatch batch = archive.read(keys.getFirst()).orElseThrow();
        assertThat(batch.entries()).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo(ArchiveReason.DELETED);
            assertThat(e.asAgent()).isEqualTo(updated);
        });

        // a restarted archiver resumes from the checkpoints in S3: nothing twice, the next removal once
        AgentContextEntry another = store.agents().create(AgentContextEntry.of(agent, "s2", at, "{}"));
        delete(another);
        try (AgentContextStreamArchiver restarted = archiver(archive)) {
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> {
                        restarted.poll();
                        assertThat(archive.list(prefix)).hasSize(2);
                    });
            assertThat(restarted.poll()).isZero();
        }
        assertThat(archive.list(prefix).stream()
                        .flatMap(k -> archive.read(k).orElseThrow().entries().stream())
                        .map(ArchivedEntry::asAgent))
                .containsExactlyInAnyOrder(updated, another);
    }

    @Test
    void archiveFailure_leavesTheCheckpoint_andTheNextPollArchivesTheItem() {
        String agent = TestBackends.uniqueName("agent");
        // catch up first, so that this test's removal is the only one ahead
        try (AgentContextStreamArchiver catchUp = archiver(archive)) {
            catchUp.poll();
        }
        Optional<String> before = checkpoints.load(streamArn, onlyShard());
        AgentContextEntry entry = store.agents().create(AgentContextEntry.of(agent, "s", Instant.now(), "{\"x\":1}"));
        delete(entry);
        AtomicBoolean failing = new AtomicBoolean(true);
        List<ArchiveBatch> attempted = new ArrayList<>();
        ContextArchive flaky = new ContextArchive() {
            @Override
            public ArchiveReceipt archive(ArchiveBatch batch) {
                attempted.add(batch);
                if (failing.get()) {
                    throw new ContextArchiveException("S3 is down (test)");
                }
                return archive.archive(batch);
            }

            @Override
            public Optional<ArchiveBatch> read(String key) {
                return archive.read(key);
            }

            @Override
            public List<String> list(String prefix) {
                return archive.list(prefix);
            }
        };

        try (AgentContextStreamArchiver archiver = archiver(flaky)) {
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> {
                        assertThatExceptionOfType(ContextArchiveException.class).isThrownBy(archiver::poll);
                        assertThat(attempted).isNotEmpty();
                    });
            assertThat(checkpoints.load(streamArn, onlyShard())).isEqualTo(before);

            failing.set(false);
            assertThat(archiver.poll()).isEqualTo(1);
        }
        assertThat(archive.list(ContextArchiveKeys.prefix(TABLES, ContextTables.AGENT, agent)))
                .singleElement()
                .satisfies(key -> assertThat(archive.read(key).orElseThrow().entries())
                        .singleElement()
                        .satisfies(e -> assertThat(e.asAgent()).isEqualTo(entry)));
        assertThat(checkpoints.load(streamArn, onlyShard())).isNotEqualTo(before);
    }

    @Test
    void investigationClosed_archivesEveryLevelOfTheInvestigationFromDynamoDb() {
        String investigation = TestBackends.uniqueName("inv");
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<InvestigationContextEntry> stored = new ArrayList<>();
        for (String level : List.of("evidence", "timeline", "Ａnalysis")) {
            for (int i = 0; i < 3; i++) {
                stored.add(store.investigations()
                        .create(InvestigationContextEntry.of(
                                investigation, level, at.plusSeconds(i), "Investigation", "{\"i\":" + i + "}")));
            }
        }
        store.investigations()
                .create(InvestigationContextEntry.of(investigation + "-other", "evidence", at, "Investigation", "{}"));

        List<ArchiveReceipt> receipts = new InvestigationContextArchiver(
                        store.investigations(), archive, Clock.systemUTC())
                .investigationClosed(investigation, at);

        assertThat(receipts)
                .singleElement()
                .satisfies(r -> assertThat(r.entries()).isEqualTo(9));
        assertThat(archive.read(receipts.getFirst().key()).orElseThrow().entries())
                .allSatisfy(e -> assertThat(e.reason()).isEqualTo(ArchiveReason.INVESTIGATION_CLOSED))
                .extracting(ArchivedEntry::asInvestigation)
                .containsExactlyInAnyOrderElementsOf(stored);
    }

    private static String onlyShard() {
        return streams.describeStream(r -> r.streamArn(streamArn))
                .streamDescription()
                .shards()
                .getFirst()
                .shardId();
    }

    private static void delete(AgentContextEntry entry) {
        dynamoDb.deleteItem(r -> r.tableName(TABLES.nameOf(ContextTables.AGENT))
                .key(Map.of(
                        ContextTables.AGENT_ID,
                        AttributeValue.fromS(entry.agentId()),
                        ContextTables.SESSION_ID_TIMESTAMP,
                        AttributeValue.fromS(ContextKeys.composite(entry.sessionId(), entry.timestamp())))));
    }
}
