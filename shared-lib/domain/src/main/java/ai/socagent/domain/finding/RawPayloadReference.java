package ai.socagent.domain.finding;

import ai.socagent.domain.Preconditions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The claim check of a finding's original payload: the payload itself is kept once, as evidence of
 * the threat's investigation (S3 in the aws mode, a local directory in the standalone), and events
 * and context records carry only this reference to it.
 *
 * @param evidenceId the payload's id among the investigation's evidence, derived from its content
 *     ({@code raw-finding-<sha256>}), so keeping the same payload twice keeps it once
 * @param sha256 lowercase hex SHA-256 of the payload's UTF-8 bytes, checked when it is read back
 * @param sizeBytes the payload's length in UTF-8 bytes
 */
public record RawPayloadReference(String evidenceId, String sha256, long sizeBytes) {

    /** Prefix of {@link #evidenceId()}. */
    public static final String EVIDENCE_ID_PREFIX = "raw-finding-";

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public RawPayloadReference {
        Preconditions.requireNonNull(sha256, "sha256");
        if (!SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 must be 64 lowercase hexadecimal characters: " + sha256);
        }
        if (!(EVIDENCE_ID_PREFIX + sha256).equals(evidenceId)) {
            throw new IllegalArgumentException(
                    "evidenceId must be " + EVIDENCE_ID_PREFIX + "<sha256>, was '" + evidenceId + "'");
        }
        if (sizeBytes < 1) {
            throw new IllegalArgumentException("sizeBytes must be positive, was " + sizeBytes);
        }
    }

    /** The reference of {@code payload}, the text exactly as received. */
    public static RawPayloadReference of(String payload) {
        Preconditions.requireNonBlank(payload, "payload");
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        String sha256 = sha256(bytes);
        return new RawPayloadReference(EVIDENCE_ID_PREFIX + sha256, sha256, bytes.length);
    }

    /** True when {@code payload} is the payload this reference names. */
    public boolean matches(String payload) {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        return bytes.length == sizeBytes && sha256(bytes).equals(sha256);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform must provide SHA-256", e);
        }
    }
}
