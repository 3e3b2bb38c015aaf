package ai.socagent.domain.investigation;

import ai.socagent.domain.Preconditions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A piece of evidence collected during an investigation.
 *
 * @param evidenceId our id (UUID)
 * @param investigationId the investigation it belongs to
 * @param kind what it is
 * @param description what it shows
 * @param source where it came from (e.g. "CloudTrail", "VPC Flow Logs")
 * @param observedAt when the evidenced activity happened
 * @param collectedAt when we collected it
 * @param sha256 lowercase hex SHA-256 of the collected content, for integrity
 * @param attributes further structured facts
 */
public record Evidence(
        String evidenceId,
        String investigationId,
        EvidenceKind kind,
        String description,
        String source,
        Instant observedAt,
        Instant collectedAt,
        String sha256,
        Map<String, String> attributes) {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

    public Evidence {
        Preconditions.requireUuid(evidenceId, "evidenceId");
        Preconditions.requireUuid(investigationId, "investigationId");
        Preconditions.requireNonNull(kind, "kind");
        Preconditions.requireNonBlank(description, "description");
        Preconditions.requireNonBlank(source, "source");
        Preconditions.requireNonNull(observedAt, "observedAt");
        Preconditions.requireNonNull(collectedAt, "collectedAt");
        Preconditions.requireNonNull(sha256, "sha256");
        if (!SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 must be 64 hexadecimal characters but was '" + sha256 + "'");
        }
        sha256 = sha256.toLowerCase(Locale.ROOT);
        attributes = Preconditions.copyStringMap(attributes, "attributes");
    }

    /** Lowercase hex SHA-256 of the UTF-8 bytes of {@code content}. */
    public static String sha256Of(String content) {
        Preconditions.requireNonNull(content, "content");
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform must provide SHA-256", e);
        }
    }
}
