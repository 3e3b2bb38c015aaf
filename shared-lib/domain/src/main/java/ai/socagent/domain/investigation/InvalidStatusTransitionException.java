package ai.socagent.domain.investigation;

/** Thrown when an investigation is asked to move along a transition its lifecycle forbids. */
public class InvalidStatusTransitionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final InvestigationStatus from;
    private final InvestigationStatus to;

    public InvalidStatusTransitionException(InvestigationStatus from, InvestigationStatus to) {
        super("Investigation cannot move from " + from + " to " + to + "; allowed from " + from + ": "
                + (from == null ? "[]" : from.allowedNext()));
        this.from = from;
        this.to = to;
    }

    public InvestigationStatus from() {
        return from;
    }

    public InvestigationStatus to() {
        return to;
    }
}
