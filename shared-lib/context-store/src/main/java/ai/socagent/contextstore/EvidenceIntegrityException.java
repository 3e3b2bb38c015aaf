package ai.socagent.contextstore;

/** Evidence bytes do not match the SHA-256 recorded for them (or the store reported another checksum). */
public class EvidenceIntegrityException extends ContextStoreException {

    private static final long serialVersionUID = 1L;

    public EvidenceIntegrityException(String key, String expectedSha256, String actualSha256) {
        super("evidence " + key + " fails its checksum: expected SHA-256 " + expectedSha256 + ", got " + actualSha256);
    }
}
