package ai.socagent.contextstore;

/** The archive or evidence store could not be written or read. */
public class ContextArchiveException extends ContextStoreException {

    private static final long serialVersionUID = 1L;

    public ContextArchiveException(String message) {
        super(message);
    }

    public ContextArchiveException(String message, Throwable cause) {
        super(message, cause);
    }
}
