package ai.socagent.contextstore.adapter.in.dynamodbstreams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.socagent.contextstore.AgentContextEntry;
import ai.socagent.contextstore.ArchiveBatch;
import ai.socagent.contextstore.ArchiveReceipt;
import ai.socagent.contextstore.ArchivedEntry;
import ai.socagent.contextstore.ContextArchive;
import ai.socagent.contextstore.ContextArchiveKeys;
import ai.socagent.contextstore.ContextKeys;
import ai.socagent.contextstore.ContextStore;
import ai.socagent.contextstore.ContextTables;
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
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Two archivers on one AgentContextTable stream (moto): each shard is archived by exactly the
 * archiver holding its lease (DynamoDB lock items), never by both; when the holder dies without
 * giving its lease back (its DynamoDB client gone, no more heartbeats), the other one takes the
 * shard over once the lease has expired, from the dead one's checkpoint, and archives nothing twice.
 */
class AgentContextStreamArchiverLeaseIT {

    private static final String ENVIRONMENT = TestBackends.uniqueName("lease");
    private static final ContextTables TABLES = ContextTables.forEnvironment(ENVIRONMENT);
    private static final String BUCKET = TestBackends.uniqueName("ctx-lease");
    private static final String LEASES = ENVIRONMENT + "-ContextStreamArchiverLeases";
    private static final Duration LEASE = Duration.ofSeconds(3);
    private static final Duration HEARTBEAT = Duration.ofMillis(500);

    private static AwsEndpoint aws;
    private static DynamoDbClient dynamoDb;
    private static DynamoDbStreamsClient streams;
    private static S3Client s3;
    private static KmsClient kms;
    private static String keyArn;
    private static String keyId;
    private static String streamArn;

    @BeforeAll
    static void backends() {
        aws = TestBackends.aws();
        dynamoDb = aws.configure(DynamoDbClient.builder()).build();
        streams = aws.configure(DynamoDbStreamsClient.builder()).build();
        s3 = aws.configure(S3Client.builder()).build();
        kms = aws.configure(KmsClient.builder()).build();
        var key = kms.createKey(b -> b.description("stream leases " + BUCKET)).keyMetadata();
        keyArn = key.arn();
        keyId = key.keyId();
        ContextTableProvisioner.create(dynamoDb, TABLES).provision();
        S3ArchiveProvisioner.create(s3, BUCKET, BUCKET + "-ev", keyArn).provision();
        DynamoDbShardLeases.provisionTable(dynamoDb, LEASES);
        DynamoDbShardLeases.provisionTable(dynamoDb, LEASES); // idempotent
        streamArn = AgentContextStreamArchiver.streamArnOf(dynamoDb, TABLES);
    }

    @AfterAll
    static void close() {
        if (dynamoDb != null) {
            TABLES.names().forEach(n -> dynamoDb.deleteTable(r -> r.tableName(n)));
            dynamoDb.deleteTable(r -> r.tableName(LEASES));
            kms.scheduleKeyDeletion(b -> b.keyId(keyId).pendingWindowInDays(7));
            dynamoDb.close();
            streams.close();
            s3.close();
            kms.close();
        }
    }

    /** An archiver whose archive calls are recorded under its name. */
    private record Archiver(String name, AgentContextStreamArchiver archiver, List<String> archivedBatches) {}

    private Archiver archiver(String name, DynamoDbClient leaseClient, ContextArchive archive) {
        List<String> batches = new CopyOnWriteArrayList<>();
        ContextArchive recording = new ContextArchive() {
            @Override
            public ArchiveReceipt archive(ArchiveBatch batch) {
                ArchiveReceipt receipt = archive.archive(batch);
                batches.add(batch.batchId());
                return receipt;
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
        return new Archiver(
                name,
                AgentContextStreamArchiver.create(
                        streams,
                        streamArn,
                        recording,
                        S3StreamCheckpointStore.create(s3, BUCKET, keyArn),
                        AgentContextStreamArchiver.InitialPosition.TRIM_HORIZON,
                        Clock.systemUTC(),
                        DynamoDbShardLeases.create(leaseClient, LEASES, name, LEASE, HEARTBEAT)),
                batches);
    }

    @Test
    void twoArchiversOnOneStream_eachShardArchivedByItsLeaseHolderOnly_theOtherTakesOverAfterExpiry() {
        ContextStore store = DynamoDbContextStore.create(dynamoDb, TABLES);
        ContextArchive archive = S3ContextArchive.create(s3, BUCKET, keyArn, TABLES);
        String agent = TestBackends.uniqueName("agent");
        String prefix = ContextArchiveKeys.prefix(TABLES, ContextTables.AGENT, agent);
        List<AgentContextEntry> removed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            removed.add(createAndDelete(store, agent, "before-" + i));
        }
        DynamoDbClient aLeases = aws.configure(DynamoDbClient.builder()).build();
        Archiver a = archiver("archiver-a", aLeases, archive);
        Archiver b = archiver("archiver-b", dynamoDb, archive);
        try {
            // both poll, a first: a takes the shard's lease, b skips it every time
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> {
                        a.archiver().poll();
                        b.archiver().poll();
                        assertThat(entriesIn(archive, prefix)).hasSize(3);
                    });
            for (int i = 0; i < 3; i++) {
                a.archiver().poll();
                b.archiver().poll();
            }
            assertThat(a.archivedBatches()).isNotEmpty();
            assertThat(b.archivedBatches()).as("b never read a's shard").isEmpty();
            assertThat(entriesIn(archive, prefix)).containsExactlyInAnyOrderElementsOf(removed);

            // a dies without giving its lease back: no heartbeat gets through any more
            aLeases.close();
            int archivedByA = a.archivedBatches().size();
            for (int i = 0; i < 2; i++) {
                removed.add(createAndDelete(store, agent, "after-" + i));
            }
            assertThat(b.archiver().poll()).as("a's lease has not expired yet").isZero();

            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> {
                        b.archiver().poll();
                        assertThat(entriesIn(archive, prefix)).hasSize(5);
                    });
            assertThat(b.archivedBatches()).as("b took the shard over").isNotEmpty();
            assertThat(a.archivedBatches()).hasSize(archivedByA);
            List<String> all = new ArrayList<>(a.archivedBatches());
            all.addAll(b.archivedBatches());
            assertThat(all).as("no batch archived by both").doesNotHaveDuplicates();
            assertThat(archive.list(prefix)).as("one archive object per batch").hasSize(all.size());
            assertThat(entriesIn(archive, prefix)).containsExactlyInAnyOrderElementsOf(removed);
        } finally {
            b.archiver().close();
            a.archiver().close(); // its leases cannot be given back (client closed): logged, they expired
        }
    }

    private static List<AgentContextEntry> entriesIn(ContextArchive archive, String prefix) {
        return archive.list(prefix).stream()
                .flatMap(k -> archive.read(k).orElseThrow().entries().stream())
                .map(ArchivedEntry::asAgent)
                .toList();
    }

    private static AgentContextEntry createAndDelete(ContextStore store, String agent, String session) {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        AgentContextEntry entry = store.agents().create(AgentContextEntry.of(agent, session, at, "{}"));
        dynamoDb.deleteItem(r -> r.tableName(TABLES.nameOf(ContextTables.AGENT))
                .key(Map.of(
                        ContextTables.AGENT_ID,
                        AttributeValue.fromS(entry.agentId()),
                        ContextTables.SESSION_ID_TIMESTAMP,
                        AttributeValue.fromS(ContextKeys.composite(entry.sessionId(), entry.timestamp())))));
        return entry;
    }
}
