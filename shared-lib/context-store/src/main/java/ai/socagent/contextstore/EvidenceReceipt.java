package ai.socagent.contextstore;

import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * What was stored.
 *
 * @param key {@code evidence/<investigation>/<evidence>}
 * @param location {@code s3://bucket/key} or a {@code file:} URI
 * @param versionId the S3 version (object-lock buckets are versioned); empty for the local directory
 * @param sha256Base64 the SHA-256 of the content as S3 reports it ({@code x-amz-checksum-sha256})
 * @param size content length in bytes
 * @param retainUntil until when the object cannot be replaced or deleted (governance mode in S3)
 */
public record EvidenceReceipt(
        String key, String location, Optional<String> versionId, String sha256Base64, long size, Instant retainUntil) {

    public EvidenceReceipt {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(versionId, "versionId");
        Objects.requireNonNull(sha256Base64, "sha256Base64");
        Objects.requireNonNull(retainUntil, "retainUntil");
    }

    /** The same SHA-256 as lower-case hex, as {@code sha256sum} prints it. */
    public String sha256Hex() {
        return HexFormat.of().formatHex(java.util.Base64.getDecoder().decode(sha256Base64));
    }
}
