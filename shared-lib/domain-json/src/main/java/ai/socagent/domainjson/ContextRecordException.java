package ai.socagent.domainjson;

/**
 * A stored context record that cannot be read as the record it should be: another record type, a
 * schema version this service does not know, or a document its record rejects. Never a reason to
 * guess: the caller sees which record and why.
 */
public final class ContextRecordException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ContextRecordException(String message) {
        super(message);
    }

    public ContextRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
