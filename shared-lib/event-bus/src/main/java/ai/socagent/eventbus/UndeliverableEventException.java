package ai.socagent.eventbus;

import java.io.Serial;

/** An event no handler can take: it goes to the dead-letter queue with {@link #reason()}. */
public final class UndeliverableEventException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    /** Why an event cannot be delivered; stable names, recorded with the dead letter. */
    public enum Reason {
        /** Not JSON, or not an EventBridge event. */
        MALFORMED,
        /** A source the pipeline does not consume. */
        UNKNOWN_SOURCE,
        /** A detail-type the source does not publish. */
        UNKNOWN_DETAIL_TYPE,
        /** A schema version newer (or older) than this code reads. */
        UNSUPPORTED_SCHEMA_VERSION,
        /** The detail does not make a valid event. */
        INVALID_PAYLOAD,
        /** Larger than EventBridge accepts. */
        TOO_LARGE
    }

    private final Reason reason;

    public UndeliverableEventException(Reason reason, String message) {
        this(reason, message, null);
    }

    public UndeliverableEventException(Reason reason, String message, Throwable cause) {
        super(reason + ": " + message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
