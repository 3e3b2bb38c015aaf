package ai.socagent.contextstore;

/**
 * The item would exceed DynamoDB's 400 KB item limit. Refused before writing, in both
 * implementations alike; spilling large payloads to S3 comes with the archive.
 */
public class ContextItemTooLargeException extends ContextStoreException {

    private static final long serialVersionUID = 1L;

    private final long sizeBytes;

    public ContextItemTooLargeException(String table, String key, long sizeBytes, long limitBytes) {
        super(table + " entry " + key + " is " + sizeBytes + " bytes, over the item limit of " + limitBytes
                + " bytes: store large payloads elsewhere and keep a reference");
        this.sizeBytes = sizeBytes;
    }

    public long sizeBytes() {
        return sizeBytes;
    }
}
