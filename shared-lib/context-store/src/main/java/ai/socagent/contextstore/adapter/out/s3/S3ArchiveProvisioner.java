package ai.socagent.contextstore.adapter.out.s3;

import java.util.Objects;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.ObjectLockEnabled;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;

/**
 * Creates the two buckets of the archive, idempotently, for moto/LocalStack (in AWS, Terraform owns
 * them): the ContextArchiveBucket versioned, the InvestigationEvidenceBucket with object lock
 * (which S3 only allows at creation, and which turns versioning on), both with default encryption
 * SSE-KMS under the customer key and every public access blocked. An existing evidence bucket
 * without object lock is an error: evidence must not silently land where it can be overwritten.
 */
public final class S3ArchiveProvisioner {

    private final S3Client s3;
    private final String archiveBucket;
    private final String evidenceBucket;
    private final String kmsKeyId;

    private S3ArchiveProvisioner(S3Client s3, String archiveBucket, String evidenceBucket, String kmsKeyId) {
        this.s3 = s3;
        this.archiveBucket = archiveBucket;
        this.evidenceBucket = evidenceBucket;
        this.kmsKeyId = kmsKeyId;
    }

    public static S3ArchiveProvisioner create(
            S3Client s3, String archiveBucket, String evidenceBucket, String kmsKeyId) {
        return new S3ArchiveProvisioner(
                Objects.requireNonNull(s3, "s3"),
                S3Names.requireBucket(archiveBucket),
                S3Names.requireBucket(evidenceBucket),
                S3Names.requireKey(kmsKeyId));
    }

    public void provision() {
        create(archiveBucket, false);
        s3.putBucketVersioning(
                r -> r.bucket(archiveBucket).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        encrypt(archiveBucket);

        create(evidenceBucket, true);
        if (!objectLockEnabled(evidenceBucket)) {
            throw new IllegalStateException(
                    "the evidence bucket " + evidenceBucket + " exists without object lock; it cannot hold evidence");
        }
        encrypt(evidenceBucket);
    }

    private void create(String bucket, boolean objectLock) {
        if (exists(bucket)) {
            return;
        }
        CreateBucketRequest.Builder request = CreateBucketRequest.builder().bucket(bucket);
        if (objectLock) {
            request.objectLockEnabledForBucket(true);
        }
        Region region = s3.serviceClientConfiguration().region();
        if (region != null && !Region.US_EAST_1.equals(region)) {
            request.createBucketConfiguration(c -> c.locationConstraint(region.id()));
        }
        try {
            s3.createBucket(request.build());
        } catch (BucketAlreadyOwnedByYouException raced) {
            // another instance created it meanwhile: the settings below are applied either way
        }
        s3.waiter().waitUntilBucketExists(r -> r.bucket(bucket));
        s3.putPublicAccessBlock(r -> r.bucket(bucket)
                .publicAccessBlockConfiguration(p -> p.blockPublicAcls(true)
                        .blockPublicPolicy(true)
                        .ignorePublicAcls(true)
                        .restrictPublicBuckets(true)));
    }

    private void encrypt(String bucket) {
        s3.putBucketEncryption(r -> r.bucket(bucket)
                .serverSideEncryptionConfiguration(c -> c.rules(ServerSideEncryptionRule.builder()
                        .applyServerSideEncryptionByDefault(d ->
                                d.sseAlgorithm(ServerSideEncryption.AWS_KMS).kmsMasterKeyID(kmsKeyId))
                        .bucketKeyEnabled(true)
                        .build())));
    }

    private boolean objectLockEnabled(String bucket) {
        try {
            return s3.getObjectLockConfiguration(r -> r.bucket(bucket))
                            .objectLockConfiguration()
                            .objectLockEnabled()
                    == ObjectLockEnabled.ENABLED;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false; // ObjectLockConfigurationNotFoundError: a bucket made without it
            }
            throw e;
        }
    }

    private boolean exists(String bucket) {
        try {
            s3.headBucket(r -> r.bucket(bucket));
            return true;
        } catch (NoSuchBucketException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }
}
