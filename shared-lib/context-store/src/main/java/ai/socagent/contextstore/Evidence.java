package ai.socagent.contextstore;

import java.util.Map;
import java.util.Objects;

/**
 * An evidence object to store.
 *
 * @param contentType a MIME type, for example {@code application/vnd.tcpdump.pcap}
 * @param metadata small descriptive strings (S3 user metadata: names of lower-case letters, digits and
 *     dashes, {@code sha256} reserved; at most 2 KB in all)
 */
public record Evidence(
        String investigationId, String evidenceId, byte[] content, String contentType, Map<String, String> metadata) {

    public Evidence {
        ContextKeys.require(ContextTables.INVESTIGATION_ID, investigationId);
        ContextKeys.require("evidence_id", evidenceId);
        content = Objects.requireNonNull(content, "content").clone();
        contentType = contentType == null || contentType.isBlank() ? "application/octet-stream" : contentType;
        metadata = Map.copyOf(metadata == null ? Map.of() : metadata);
        for (String name : metadata.keySet()) {
            if (name.equals("sha256")) {
                throw new IllegalArgumentException("metadata name sha256 is reserved for the evidence checksum");
            }
            if (!name.matches("[a-z0-9-]{1,64}")) {
                throw new IllegalArgumentException("metadata names are lower-case letters, digits and dashes: " + name);
            }
        }
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Evidence e
                && investigationId.equals(e.investigationId)
                && evidenceId.equals(e.evidenceId)
                && java.util.Arrays.equals(content, e.content)
                && contentType.equals(e.contentType)
                && metadata.equals(e.metadata);
    }

    @Override
    public int hashCode() {
        return Objects.hash(investigationId, evidenceId, java.util.Arrays.hashCode(content), contentType, metadata);
    }

    @Override
    public String toString() {
        return "Evidence[" + investigationId + "/" + evidenceId + ", " + content.length + " bytes, " + contentType
                + "]";
    }
}
