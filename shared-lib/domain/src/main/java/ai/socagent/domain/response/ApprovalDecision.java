package ai.socagent.domain.response;

import ai.socagent.domain.Preconditions;
import java.time.Instant;

/**
 * A human decision on a response action.
 *
 * @param approved true to approve, false to reject
 * @param decidedBy who decided (analyst identity)
 * @param decidedAt when
 * @param comment optional justification, possibly empty
 */
public record ApprovalDecision(boolean approved, String decidedBy, Instant decidedAt, String comment) {

    public ApprovalDecision {
        Preconditions.requireNonBlank(decidedBy, "decidedBy");
        Preconditions.requireNonNull(decidedAt, "decidedAt");
        Preconditions.requireNonNull(comment, "comment");
    }
}
