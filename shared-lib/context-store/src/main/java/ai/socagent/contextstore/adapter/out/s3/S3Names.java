package ai.socagent.contextstore.adapter.out.s3;

import java.util.regex.Pattern;

/** Checks of bucket names and key ids, at construction rather than at the first put. */
final class S3Names {

    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    private S3Names() {}

    static String requireBucket(String bucket) {
        if (bucket == null || !BUCKET.matcher(bucket).matches()) {
            throw new IllegalArgumentException("not an S3 bucket name: " + bucket);
        }
        return bucket;
    }

    static String requireKey(String kmsKeyId) {
        if (kmsKeyId == null || kmsKeyId.isBlank()) {
            throw new IllegalArgumentException("a KMS key id (id, ARN or alias) is required for SSE-KMS");
        }
        return kmsKeyId;
    }
}
