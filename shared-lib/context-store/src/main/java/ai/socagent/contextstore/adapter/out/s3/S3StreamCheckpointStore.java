package ai.socagent.contextstore.adapter.out.s3;

import ai.socagent.contextstore.ContextArchiveException;
import ai.socagent.contextstore.ContextArchiveKeys;
import ai.socagent.contextstore.StreamCheckpointStore;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * Stream checkpoints as small objects in the archive bucket ({@code checkpoints/<stream>/<shard>}),
 * next to what they account for: no extra table, and they survive the service. The bucket is
 * versioned, so a lifecycle rule should expire noncurrent versions under {@code checkpoints/}.
 */
public final class S3StreamCheckpointStore implements StreamCheckpointStore {

    static final String PREFIX = "checkpoints/";

    private final S3Client s3;
    private final String bucket;
    private final String kmsKeyId;

    private S3StreamCheckpointStore(S3Client s3, String bucket, String kmsKeyId) {
        this.s3 = s3;
        this.bucket = bucket;
        this.kmsKeyId = kmsKeyId;
    }

    public static S3StreamCheckpointStore create(S3Client s3, String bucket, String kmsKeyId) {
        return new S3StreamCheckpointStore(
                Objects.requireNonNull(s3, "s3"), S3Names.requireBucket(bucket), S3Names.requireKey(kmsKeyId));
    }

    @Override
    public Optional<String> load(String streamArn, String shardId) {
        String key = key(streamArn, shardId);
        try {
            return Optional.of(s3.getObject(r -> r.bucket(bucket).key(key), ResponseTransformer.toBytes())
                    .asUtf8String());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw new ContextArchiveException("cannot read the checkpoint " + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void save(String streamArn, String shardId, String checkpoint) {
        String key = key(streamArn, shardId);
        try {
            s3.putObject(
                    r -> r.bucket(bucket)
                            .key(key)
                            .contentType("text/plain")
                            .serverSideEncryption(ServerSideEncryption.AWS_KMS)
                            .ssekmsKeyId(kmsKeyId),
                    RequestBody.fromString(checkpoint));
        } catch (SdkException e) {
            throw new ContextArchiveException("cannot write the checkpoint " + key + ": " + e.getMessage(), e);
        }
    }

    private static String key(String streamArn, String shardId) {
        return PREFIX + ContextArchiveKeys.segment(streamArn) + "/" + ContextArchiveKeys.segment(shardId);
    }
}
