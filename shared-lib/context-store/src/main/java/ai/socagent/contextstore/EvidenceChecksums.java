package ai.socagent.contextstore;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** SHA-256 as S3 writes it ({@code x-amz-checksum-sha256}: base64 of the digest). */
public final class EvidenceChecksums {

    private EvidenceChecksums() {}

    public static String sha256Base64(byte[] content) {
        try {
            return Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
