package ai.socagent.contextstore.adapter.out.s3;

import ai.socagent.contextstore.ContextArchiveException;
import ai.socagent.contextstore.ContextArchiveKeys;
import ai.socagent.contextstore.Evidence;
import ai.socagent.contextstore.EvidenceChecksums;
import ai.socagent.contextstore.EvidenceIntegrityException;
import ai.socagent.contextstore.EvidenceReceipt;
import ai.socagent.contextstore.EvidenceRetainedException;
import ai.socagent.contextstore.EvidenceStore;
import ai.socagent.contextstore.StoredEvidence;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * Evidence in the InvestigationEvidenceBucket (object lock enabled): every put carries our SHA-256
 * ({@code x-amz-checksum-sha256}, which S3 verifies on receipt; the checksum it answers must be ours),
 * object lock in GOVERNANCE mode until now + retention, and SSE-KMS with the customer key. The
 * first put is conditional ({@code If-None-Match: *}); when an object exists its retention decides:
 * still retained, the put is refused ({@link EvidenceRetainedException}); lapsed, a new version is
 * written over it (conditional on its ETag). A read asks for the checksum and compares the bytes
 * with it, and with the SHA-256 kept in the object's metadata. The S3 client is the caller's.
 */
public final class S3EvidenceStore implements EvidenceStore {

    static final String SHA256_METADATA = "sha256";
    private static final int PRECONDITION_FAILED = 412;

    private final S3Client s3;
    private final String bucket;
    private final String kmsKeyId;
    private final Duration retention;
    private final Clock clock;

    private S3EvidenceStore(S3Client s3, String bucket, String kmsKeyId, Duration retention, Clock clock) {
        this.s3 = s3;
        this.bucket = bucket;
        this.kmsKeyId = kmsKeyId;
        this.retention = retention;
        this.clock = clock;
    }

    public static S3EvidenceStore create(S3Client s3, String bucket, String kmsKeyId, Duration retention, Clock clock) {
        if (retention == null || retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("evidence retention must be positive, not " + retention);
        }
        return new S3EvidenceStore(
                Objects.requireNonNull(s3, "s3"),
                S3Names.requireBucket(bucket),
                S3Names.requireKey(kmsKeyId),
                retention,
                Objects.requireNonNull(clock, "clock"));
    }

    @Override
    public EvidenceReceipt put(Evidence evidence) {
        String key = ContextArchiveKeys.evidenceKey(evidence.investigationId(), evidence.evidenceId());
        byte[] content = evidence.content();
        String sha256 = EvidenceChecksums.sha256Base64(content);
        Instant retainUntil = clock.instant().plus(retention).truncatedTo(ChronoUnit.SECONDS);
        Map<String, String> metadata = new HashMap<>(evidence.metadata());
        metadata.put(SHA256_METADATA, sha256);
        PutObjectRequest.Builder request = PutObjectRequest.builder()
                .bucket(bucket)
                .key(key)
                .contentType(evidence.contentType())
                .metadata(metadata)
                .checksumAlgorithm(ChecksumAlgorithm.SHA256)
                .checksumSHA256(sha256)
                .serverSideEncryption(ServerSideEncryption.AWS_KMS)
                .ssekmsKeyId(kmsKeyId)
                .objectLockMode(ObjectLockMode.GOVERNANCE)
                .objectLockRetainUntilDate(retainUntil);
        PutObjectResponse put;
        try {
            put = s3.putObject(request.ifNoneMatch("*").build(), RequestBody.fromBytes(content));
        } catch (S3Exception e) {
            if (e.statusCode() != PRECONDITION_FAILED) {
                throw failure("store", key, e);
            }
            put = replaceLapsed(key, request, content);
        } catch (SdkException e) {
            throw failure("store", key, e);
        }
        if (!sha256.equals(put.checksumSHA256())) {
            throw new EvidenceIntegrityException(key, sha256, String.valueOf(put.checksumSHA256()));
        }
        return new EvidenceReceipt(
                key, location(key), Optional.ofNullable(put.versionId()), sha256, content.length, retainUntil);
    }

    /** An object exists: refused while it is retained, else replaced by a new version. */
    private PutObjectResponse replaceLapsed(String key, PutObjectRequest.Builder request, byte[] content) {
        try {
            HeadObjectResponse head = s3.headObject(r -> r.bucket(bucket).key(key));
            Instant until = head.objectLockRetainUntilDate();
            if (until != null && until.isAfter(clock.instant())) {
                throw new EvidenceRetainedException(key, until);
            }
            return s3.putObject(request.ifNoneMatch(null).ifMatch(head.eTag()).build(), RequestBody.fromBytes(content));
        } catch (S3Exception e) {
            if (e.statusCode() == PRECONDITION_FAILED) {
                throw new ContextArchiveException("evidence " + key + " was written concurrently; retry", e);
            }
            throw failure("store", key, e);
        } catch (SdkException e) {
            throw failure("store", key, e);
        }
    }

    @Override
    public Optional<StoredEvidence> get(String investigationId, String evidenceId) {
        String key = ContextArchiveKeys.evidenceKey(investigationId, evidenceId);
        ResponseBytes<GetObjectResponse> object;
        try {
            object = s3.getObject(
                    r -> r.bucket(bucket).key(key).checksumMode(ChecksumMode.ENABLED), ResponseTransformer.toBytes());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw failure("read", key, e);
        }
        GetObjectResponse response = object.response();
        byte[] content = object.asByteArray();
        String actual = EvidenceChecksums.sha256Base64(content);
        String recorded = response.metadata().get(SHA256_METADATA);
        for (String expected : new String[] {response.checksumSHA256(), recorded}) {
            if (expected == null || !expected.equals(actual)) {
                throw new EvidenceIntegrityException(key, String.valueOf(expected), actual);
            }
        }
        Map<String, String> metadata = new HashMap<>(response.metadata());
        metadata.remove(SHA256_METADATA);
        Instant retainUntil = response.objectLockRetainUntilDate() != null
                ? response.objectLockRetainUntilDate()
                : head(key).objectLockRetainUntilDate();
        return Optional.of(new StoredEvidence(
                new EvidenceReceipt(
                        key,
                        location(key),
                        Optional.ofNullable(response.versionId()),
                        actual,
                        content.length,
                        Objects.requireNonNull(retainUntil, () -> "evidence " + key + " has no retention")),
                content,
                response.contentType(),
                metadata));
    }

    @Override
    public List<String> list(String investigationId) {
        String prefix = ContextArchiveKeys.evidencePrefix(investigationId);
        try {
            return s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents().stream()
                    .map(o -> ContextArchiveKeys.value(o.key().substring(prefix.length())))
                    .toList();
        } catch (SdkException e) {
            throw failure("list", prefix, e);
        }
    }

    private HeadObjectResponse head(String key) {
        try {
            return s3.headObject(r -> r.bucket(bucket).key(key));
        } catch (SdkException e) {
            throw failure("read", key, e);
        }
    }

    private String location(String key) {
        return "s3://" + bucket + "/" + key;
    }

    private ContextArchiveException failure(String action, String key, SdkException e) {
        return new ContextArchiveException(
                "cannot " + action + " evidence s3://" + bucket + "/" + key + ": " + e.getMessage(), e);
    }
}
