package ai.socagent.contextstore;

/** A create found an unexpired entry with the same key: creates are idempotent, never overwrites. */
public class ContextAlreadyExistsException extends ContextStoreException {

    private static final long serialVersionUID = 1L;

    public ContextAlreadyExistsException(String table, String key) {
        super(table + " already holds an entry " + key);
    }
}
