package ai.socagent.domain.response;

/** Thrown when a response action is asked to move along a transition its lifecycle forbids. */
public class InvalidActionTransitionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ActionStatus from;
    private final ActionStatus to;

    public InvalidActionTransitionException(String actionId, ActionStatus from, ActionStatus to, String reason) {
        super("Response action " + actionId + " cannot move from " + from + " to " + to + ": " + reason);
        this.from = from;
        this.to = to;
    }

    public ActionStatus from() {
        return from;
    }

    public ActionStatus to() {
        return to;
    }
}
