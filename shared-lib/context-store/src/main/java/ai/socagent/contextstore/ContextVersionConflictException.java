package ai.socagent.contextstore;

/**
 * An update carried a version that is not the stored one (someone else wrote in between), or the
 * entry no longer exists: re-read and retry.
 */
public class ContextVersionConflictException extends ContextStoreException {

    private static final long serialVersionUID = 1L;

    public ContextVersionConflictException(String table, String key, long expectedVersion) {
        super(table + " entry " + key + " is not at version " + expectedVersion
                + " (changed concurrently, expired or never created)");
    }
}
