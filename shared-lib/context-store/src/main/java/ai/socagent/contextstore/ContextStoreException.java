package ai.socagent.contextstore;

/** A context store operation refused for a reason the caller can act on. */
public class ContextStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ContextStoreException(String message) {
        super(message);
    }

    public ContextStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
