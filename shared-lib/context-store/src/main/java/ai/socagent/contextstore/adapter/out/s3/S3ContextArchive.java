package ai.socagent.contextstore.adapter.out.s3;

import ai.socagent.contextstore.ArchiveBatch;
import ai.socagent.contextstore.ArchiveReceipt;
import ai.socagent.contextstore.ContextArchive;
import ai.socagent.contextstore.ContextArchiveException;
import ai.socagent.contextstore.ContextArchiveFormat;
import ai.socagent.contextstore.ContextArchiveKeys;
import ai.socagent.contextstore.ContextTables;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * The archive in the ContextArchiveBucket: one gzip JSON object per batch ({@code Content-Type:
 * application/json}, {@code Content-Encoding: gzip}), encrypted with the customer key on every put
 * ({@code aws:kms} + key id, whatever the bucket default says). The bucket is versioned, so a batch
 * written again keeps its earlier version. The S3 client is the caller's.
 */
public final class S3ContextArchive implements ContextArchive {

    private final S3Client s3;
    private final String bucket;
    private final String kmsKeyId;
    private final ContextTables tables;

    private S3ContextArchive(S3Client s3, String bucket, String kmsKeyId, ContextTables tables) {
        this.s3 = s3;
        this.bucket = bucket;
        this.kmsKeyId = kmsKeyId;
        this.tables = tables;
    }

    /** @param kmsKeyId id, ARN or alias of the customer key */
    public static S3ContextArchive create(S3Client s3, String bucket, String kmsKeyId, ContextTables tables) {
        return new S3ContextArchive(
                Objects.requireNonNull(s3, "s3"),
                S3Names.requireBucket(bucket),
                S3Names.requireKey(kmsKeyId),
                Objects.requireNonNull(tables, "tables"));
    }

    @Override
    public ArchiveReceipt archive(ArchiveBatch batch) {
        String key = ContextArchiveKeys.key(tables, batch);
        byte[] document = ContextArchiveFormat.encode(tables, batch);
        try {
            PutObjectResponse put = s3.putObject(
                    r -> r.bucket(bucket)
                            .key(key)
                            .contentType(ContextArchiveFormat.CONTENT_TYPE)
                            .contentEncoding(ContextArchiveFormat.CONTENT_ENCODING)
                            .serverSideEncryption(ServerSideEncryption.AWS_KMS)
                            .ssekmsKeyId(kmsKeyId)
                            .metadata(Map.of(
                                    "table", tables.nameOf(batch.table()),
                                    "entries", Integer.toString(batch.entries().size()))),
                    RequestBody.fromBytes(document));
            return new ArchiveReceipt(
                    key,
                    "s3://" + bucket + "/" + key,
                    Optional.ofNullable(put.versionId()),
                    batch.entries().size(),
                    document.length);
        } catch (SdkException e) {
            throw new ContextArchiveException(
                    "cannot archive to s3://" + bucket + "/" + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<ArchiveBatch> read(String key) {
        try {
            byte[] document = s3.getObject(r -> r.bucket(bucket).key(key), ResponseTransformer.toBytes())
                    .asByteArray();
            return Optional.of(ContextArchiveFormat.decode(document));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw new ContextArchiveException("cannot read s3://" + bucket + "/" + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> list(String prefix) {
        try {
            return s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents().stream()
                    .map(S3Object::key)
                    .filter(k -> k.startsWith(ContextArchiveKeys.CONTEXT) && k.endsWith(ContextArchiveKeys.SUFFIX))
                    .sorted()
                    .toList();
        } catch (SdkException e) {
            throw new ContextArchiveException("cannot list s3://" + bucket + "/" + prefix + ": " + e.getMessage(), e);
        }
    }
}
