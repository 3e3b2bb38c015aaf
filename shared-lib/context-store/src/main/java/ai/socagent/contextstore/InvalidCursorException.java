package ai.socagent.contextstore;

/** A page cursor that this store did not issue for this query (tampered, truncated or reused elsewhere). */
public class InvalidCursorException extends ContextStoreException {

    private static final long serialVersionUID = 1L;

    public InvalidCursorException(String reason) {
        super("invalid page cursor: " + reason);
    }

    public InvalidCursorException(String reason, Throwable cause) {
        super("invalid page cursor: " + reason, cause);
    }
}
