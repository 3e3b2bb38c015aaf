package ai.socagent.contextstore;

import java.util.Objects;
import java.util.Optional;

/**
 * Where an archive object went.
 *
 * @param key the object key, the same layout in S3 and in the local directory
 * @param location {@code s3://bucket/key} or a {@code file:} URI
 * @param versionId the S3 version (versioned bucket); empty for the local directory
 * @param entries how many entries the object holds
 * @param bytes the compressed size
 */
public record ArchiveReceipt(String key, String location, Optional<String> versionId, int entries, long bytes) {

    public ArchiveReceipt {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(versionId, "versionId");
    }
}
