package ai.socagent.services.socapi.adapter.out.contextstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ai.socagent.contextstore.ContextTables;
import ai.socagent.contextstore.adapter.out.dynamodb.ContextTableProvisioner;
import ai.socagent.contextstore.adapter.out.dynamodb.DynamoDbContextStore;
import ai.socagent.contextstore.adapter.out.s3.S3ArchiveProvisioner;
import ai.socagent.contextstore.adapter.out.s3.S3EvidenceStore;
import ai.socagent.contextstore.records.InvestigationRecords;
import ai.socagent.contextstore.records.RawFindings;
import ai.socagent.contextstore.records.ThreatRecords;
import ai.socagent.eventbus.aws.BootstrappedBus;
import ai.socagent.eventbus.aws.EventBridgePublisher;
import ai.socagent.eventbus.aws.LocalBusBootstrapper;
import ai.socagent.eventbus.envelope.EventCodec;
import ai.socagent.eventbus.routing.RoutingDefinitions;
import ai.socagent.ingestion.FindingIngestion;
import ai.socagent.ingestion.SampleFindings;
import ai.socagent.services.socapi.adapter.out.eventbus.EventBusThreatPublisher;
import ai.socagent.services.socapi.application.ThreatQueryService;
import ai.socagent.services.socapi.application.ThreatSubmissionService;
import ai.socagent.services.socapi.application.port.in.SubmissionReceipt;
import ai.socagent.testsupport.backends.AwsEndpoint;
import ai.socagent.testsupport.backends.TestBackends;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The aws mode's half of "a 202 is a promise", on moto: the API writes the threat to DynamoDB
 * before it publishes to EventBridge, so a publish that fails (the process dies, EventBridge is
 * unreachable) answers no 202 and leaves the threat kept — every instance of the API finds it — and
 * the client's retry publishes it, once: the same finding is the same threat.
 */
class SubmissionDurabilityIT {

    private static AwsEndpoint aws;
    private static String id;
    private static DynamoDbClient dynamo;
    private static EventBridgeClient events;
    private static SqsClient sqs;
    private static SnsClient sns;
    private static S3Client s3;
    private static KmsClient kms;
    private static String keyId;
    private static String evidenceBucket;
    private static ContextTables tables;
    private static BootstrappedBus bus;

    @BeforeAll
    static void bootstrap() {
        aws = TestBackends.aws();
        id = TestBackends.uniqueName("d").substring(2);
        dynamo = aws.configure(DynamoDbClient.builder()).build();
        events = aws.configure(EventBridgeClient.builder()).build();
        sqs = aws.configure(SqsClient.builder()).build();
        sns = aws.configure(SnsClient.builder()).build();
        s3 = aws.configure(S3Client.builder()).build();
        kms = aws.configure(KmsClient.builder()).build();
        tables = ContextTables.forEnvironment("it-" + id);
        ContextTableProvisioner.create(dynamo, tables).provision();
        keyId = kms.createKey(b -> b.description("evidence " + id))
                .keyMetadata()
                .keyId();
        evidenceBucket = "it-" + id + "-evidence";
        S3ArchiveProvisioner.create(s3, "it-" + id + "-archive", evidenceBucket, keyId)
                .provision();
        bus = LocalBusBootstrapper.create(events, sqs, sns)
                .withTopicTargetsAsQueues()
                .bootstrap(RoutingDefinitions.bundled(), "-" + id);
    }

    @AfterAll
    static void tearDown() {
        if (bus != null) {
            LocalBusBootstrapper.create(events, sqs, sns).teardown(RoutingDefinitions.bundled(), bus);
        }
        tables.names().forEach(table -> dynamo.deleteTable(b -> b.tableName(table)));
        for (String bucket : List.of("it-" + id + "-archive", evidenceBucket)) {
            s3.listObjectVersionsPaginator(b -> b.bucket(bucket))
                    .versions()
                    .forEach(version -> s3.deleteObject(b -> b.bucket(bucket)
                            .key(version.key())
                            .versionId(version.versionId())
                            .bypassGovernanceRetention(true)));
            s3.deleteBucket(b -> b.bucket(bucket));
        }
        kms.scheduleKeyDeletion(b -> b.keyId(keyId).pendingWindowInDays(7));
        List.of(dynamo, events, sqs, sns, s3, kms).forEach(SdkAutoCloseable::close);
    }

    private static ContextStoreThreatReadModel readModel() {
        var store = DynamoDbContextStore.create(dynamo, tables);
        return new ContextStoreThreatReadModel(
                new ThreatRecords(store),
                new InvestigationRecords(store),
                new RawFindings(
                        S3EvidenceStore.create(s3, evidenceBucket, keyId, Duration.ofDays(1), Clock.systemUTC())));
    }

    private static ThreatSubmissionService api(EventBridgeClient eventBridge) {
        return new ThreatSubmissionService(
                FindingIngestion.withDefaults(),
                readModel(),
                new EventBusThreatPublisher(
                        EventBridgePublisher.create(eventBridge, bus.busName(), EventCodec.create())),
                Clock.systemUTC());
    }

    @Test
    void submit_publishFailsAfterTheWrite_threatIsKeptAndTheRetryPublishesItOnce() {
        byte[] finding = SampleFindings.read("guardduty/UnauthorizedAccess_EC2_TorClient.json");
        EventBridgeClient unreachable = EventBridgeClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:9"))
                .region(aws.region())
                .credentialsProvider(aws.credentials())
                .build();

        assertThatThrownBy(() -> api(unreachable).submit(finding))
                .hasRootCauseInstanceOf(java.net.ConnectException.class)
                .isInstanceOf(SdkClientException.class);
        var readModel = new ThreatQueryService(readModel()); // another instance of the API
        String kept = readModel.recentThreats(10).getFirst().threatId();
        assertThat(readModel.findThreat(kept))
                .hasValueSatisfying(view -> assertThat(view.rawPayload())
                        .contains(new String(finding, java.nio.charset.StandardCharsets.UTF_8)));

        SubmissionReceipt retried = api(events).submit(finding);

        assertThat(retried.threats())
                .singleElement()
                .satisfies(threat -> assertThat(threat.threatId()).isEqualTo(kept));
        assertThat(readModel.recentThreats(10)).hasSize(1);
        List<String> delivered = new ArrayList<>();
        String queue = bus.queueUrls().get("threat-classifier");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            sqs.receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages()
                    .forEach(message -> delivered.add(message.body()));
            assertThat(delivered).singleElement().asString().contains(kept);
        });
        unreachable.close();
    }
}
