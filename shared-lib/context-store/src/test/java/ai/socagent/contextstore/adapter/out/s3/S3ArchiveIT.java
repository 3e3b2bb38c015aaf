package ai.socagent.contextstore.adapter.out.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import ai.socagent.contextstore.AgentContextEntry;
import ai.socagent.contextstore.ArchiveBatch;
import ai.socagent.contextstore.ArchiveContract;
import ai.socagent.contextstore.ArchiveReason;
import ai.socagent.contextstore.ArchiveReceipt;
import ai.socagent.contextstore.ArchivedEntry;
import ai.socagent.contextstore.ContextArchive;
import ai.socagent.contextstore.ContextTables;
import ai.socagent.contextstore.Evidence;
import ai.socagent.contextstore.EvidenceReceipt;
import ai.socagent.contextstore.EvidenceStore;
import ai.socagent.contextstore.MutableClock;
import ai.socagent.testsupport.backends.AwsEndpoint;
import ai.socagent.testsupport.backends.TestBackends;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectLockEnabled;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * The archive contract on S3 + KMS as the test backend serves them (moto, or LocalStack with
 * Docker): buckets made by {@link S3ArchiveProvisioner} with a customer key created in KMS, plus what
 * only S3 shows: versions, SSE-KMS headers, object lock.
 */
class S3ArchiveIT extends ArchiveContract {

    private static S3Client s3;
    private static KmsClient kms;
    private static String keyArn;
    private static String keyId;
    private static final String ARCHIVE_BUCKET = TestBackends.uniqueName("ctx-archive");
    private static final String EVIDENCE_BUCKET = TestBackends.uniqueName("ctx-evidence");

    @BeforeAll
    static void bucketsAndKey() {
        AwsEndpoint aws = TestBackends.aws();
        s3 = aws.configure(S3Client.builder()).build();
        kms = aws.configure(KmsClient.builder()).build();
        var key = kms.createKey(b -> b.description("context archive " + ARCHIVE_BUCKET))
                .keyMetadata();
        keyArn = key.arn();
        keyId = key.keyId();
        S3ArchiveProvisioner.create(s3, ARCHIVE_BUCKET, EVIDENCE_BUCKET, keyArn).provision();
    }

    @AfterAll
    static void close() {
        if (s3 != null) {
            kms.scheduleKeyDeletion(b -> b.keyId(keyId).pendingWindowInDays(7));
            s3.close();
            kms.close();
        }
    }

    @Override
    protected ContextArchive openArchive(ContextTables tables) {
        return S3ContextArchive.create(s3, ARCHIVE_BUCKET, keyArn, tables);
    }

    @Override
    protected EvidenceStore openEvidenceStore(Duration retention, MutableClock clock) {
        return S3EvidenceStore.create(s3, EVIDENCE_BUCKET, keyArn, retention, clock);
    }

    @Override
    protected byte[] rawObject(String key) {
        return s3.getObject(r -> r.bucket(ARCHIVE_BUCKET).key(key), ResponseTransformer.toBytes())
                .asByteArray();
    }

    /** A new version written directly, carrying the old checksum in its metadata but not its bytes. */
    @Override
    protected void tamperWithEvidence(String key, byte[] content) {
        HeadObjectResponse head = s3.headObject(r -> r.bucket(EVIDENCE_BUCKET).key(key));
        s3.putObject(r -> r.bucket(EVIDENCE_BUCKET).key(key).metadata(head.metadata()), RequestBody.fromBytes(content));
    }

    @Test
    void provision_twice_leavesVersionedEncryptedArchiveAndObjectLockedEvidenceBuckets() {
        S3ArchiveProvisioner.create(s3, ARCHIVE_BUCKET, EVIDENCE_BUCKET, keyArn).provision();

        assertThat(s3.getBucketVersioning(r -> r.bucket(ARCHIVE_BUCKET)).status())
                .isEqualTo(BucketVersioningStatus.ENABLED);
        assertThat(s3.getObjectLockConfiguration(r -> r.bucket(EVIDENCE_BUCKET))
                        .objectLockConfiguration()
                        .objectLockEnabled())
                .isEqualTo(ObjectLockEnabled.ENABLED);
        for (String bucket : List.of(ARCHIVE_BUCKET, EVIDENCE_BUCKET)) {
            var rule = s3.getBucketEncryption(r -> r.bucket(bucket))
                    .serverSideEncryptionConfiguration()
                    .rules()
                    .getFirst()
                    .applyServerSideEncryptionByDefault();
            assertThat(rule.sseAlgorithm()).isEqualTo(ServerSideEncryption.AWS_KMS);
            assertThat(rule.kmsMasterKeyID()).isEqualTo(keyArn);
            assertThat(s3.getPublicAccessBlock(r -> r.bucket(bucket))
                            .publicAccessBlockConfiguration()
                            .blockPublicAcls())
                    .isTrue();
        }
    }

    @Test
    void provision_evidenceBucketWithoutObjectLock_isRefused() {
        String plain = TestBackends.uniqueName("ctx-plain");
        s3.createBucket(r -> r.bucket(plain));

        assertThatIllegalStateException()
                .isThrownBy(() -> S3ArchiveProvisioner.create(s3, ARCHIVE_BUCKET, plain, keyArn)
                        .provision())
                .withMessageContaining("without object lock");
    }

    @Test
    void archive_putsGzipJsonEncryptedWithTheCustomerKey_andKeepsEveryVersion() {
        String agent = unique("agent");
        Instant at = clock.instant();
        AgentContextEntry entry =
                AgentContextEntry.of(agent, "s", at, "{\"n\":1}").withVersion(1).withExpiresAt(at.plusSeconds(60));
        ArchiveBatch batch = ArchiveBatch.of(
                ContextTables.AGENT, "versions", at, List.of(ArchivedEntry.of(entry, ArchiveReason.DELETED, at)));

        ArchiveReceipt first = archive.archive(batch);
        ArchiveReceipt second = archive.archive(batch);

        assertThat(first.location()).isEqualTo("s3://" + ARCHIVE_BUCKET + "/" + first.key());
        assertThat(first.versionId()).isPresent().isNotEqualTo(second.versionId());
        assertThat(s3.listObjectVersions(r -> r.bucket(ARCHIVE_BUCKET).prefix(first.key()))
                        .versions())
                .extracting(ObjectVersion::versionId)
                .containsExactlyInAnyOrder(
                        first.versionId().get(), second.versionId().get());
        HeadObjectResponse head = s3.headObject(r -> r.bucket(ARCHIVE_BUCKET).key(first.key()));
        assertThat(head.contentType()).isEqualTo("application/json");
        assertThat(head.contentEncoding()).isEqualTo("gzip");
        assertThat(head.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
        assertThat(head.ssekmsKeyId()).contains(keyId);
    }

    @Test
    void put_evidence_isObjectLockedInGovernanceModeWithItsSha256AndTheCustomerKey() {
        String investigation = unique("inv");
        byte[] content = "pcap bytes".getBytes(StandardCharsets.UTF_8);

        EvidenceReceipt receipt = evidence.put(new Evidence(investigation, "capture", content, null, Map.of()));

        assertThat(receipt.versionId()).isPresent();
        // moto gap: no GetObjectRetention; HeadObject reports the lock (see docs/testing.md)
        HeadObjectResponse head =
                s3.headObject(r -> r.bucket(EVIDENCE_BUCKET).key(receipt.key()).checksumMode(ChecksumMode.ENABLED));
        assertThat(head.objectLockMode()).isEqualTo(ObjectLockMode.GOVERNANCE);
        assertThat(head.objectLockRetainUntilDate()).isEqualTo(receipt.retainUntil());
        assertThat(head.checksumSHA256()).isEqualTo(receipt.sha256Base64());
        assertThat(head.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
        assertThat(head.ssekmsKeyId()).contains(keyId);
        assertThatExceptionOfType(S3Exception.class)
                .isThrownBy(() -> s3.deleteObject(r -> r.bucket(EVIDENCE_BUCKET)
                        .key(receipt.key())
                        .versionId(receipt.versionId().get())))
                .satisfies(e -> assertThat(e.statusCode()).isEqualTo(403));
    }

    @Test
    void defaultRetention_isSevenYears() {
        EvidenceStore sevenYears = S3EvidenceStore.create(s3, EVIDENCE_BUCKET, keyArn, Duration.parse("P2555D"), clock);
        EvidenceReceipt receipt = sevenYears.put(new Evidence(unique("inv"), "e", new byte[] {1}, null, Map.of()));

        assertThat(receipt.retainUntil()).isEqualTo(clock.instant().plus(Duration.ofDays(2555)));
        assertThat(s3.headObject(r -> r.bucket(EVIDENCE_BUCKET).key(receipt.key()))
                        .objectLockRetainUntilDate())
                .isEqualTo(receipt.retainUntil());
    }
}
