package ai.socagent.contextstore;

import java.util.Map;
import java.util.Objects;

/** Evidence read back; its content matched its SHA-256. */
public record StoredEvidence(
        EvidenceReceipt receipt, byte[] content, String contentType, Map<String, String> metadata) {

    public StoredEvidence {
        Objects.requireNonNull(receipt, "receipt");
        content = Objects.requireNonNull(content, "content").clone();
        metadata = Map.copyOf(metadata);
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StoredEvidence e
                && receipt.equals(e.receipt)
                && java.util.Arrays.equals(content, e.content)
                && Objects.equals(contentType, e.contentType)
                && metadata.equals(e.metadata);
    }

    @Override
    public int hashCode() {
        return Objects.hash(receipt, java.util.Arrays.hashCode(content), contentType, metadata);
    }

    @Override
    public String toString() {
        return "StoredEvidence[" + receipt.key() + ", " + content.length + " bytes]";
    }
}
