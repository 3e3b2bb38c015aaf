package ai.socagent.agentruntime.model;

import java.util.Objects;

/** A model call failed; {@link #kind()} decides whether it is retried. */
public final class ModelInvocationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why the call failed. */
    public enum Kind {
        /** The provider throttled the call: retried with jittered backoff. */
        THROTTLED,
        /** The call timed out. */
        TIMEOUT,
        /** The provider failed or could not be reached. */
        UNAVAILABLE,
        /** The request was refused as invalid (not retried). */
        REJECTED,
        /**
         * This process's own model limits (concurrency, requests or tokens per minute) held the call
         * longer than it may wait: not sent, not retried, and no sign the provider is unwell.
         */
        OVER_QUOTA
    }

    private final Kind kind;

    public ModelInvocationException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }
}
