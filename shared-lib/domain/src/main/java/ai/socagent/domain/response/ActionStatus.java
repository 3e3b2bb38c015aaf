package ai.socagent.domain.response;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Lifecycle of a response action.
 *
 * <pre>
 * PROPOSED -> AWAITING_APPROVAL | APPROVED | REJECTED | EXECUTING (only without required approval)
 * AWAITING_APPROVAL -> APPROVED | REJECTED
 * APPROVED -> EXECUTING
 * EXECUTING -> EXECUTED | FAILED
 * </pre>
 *
 * REJECTED, EXECUTED and FAILED are terminal.
 */
public enum ActionStatus {
    PROPOSED,
    AWAITING_APPROVAL,
    APPROVED,
    REJECTED,
    EXECUTING,
    EXECUTED,
    FAILED;

    public boolean isTerminal() {
        return this == REJECTED || this == EXECUTED || this == FAILED;
    }

    /** The statuses this one may move to; PROPOSED -> EXECUTING further needs no required approval. */
    public Set<ActionStatus> allowedNext() {
        return Collections.unmodifiableSet(
                switch (this) {
                    case PROPOSED -> EnumSet.of(AWAITING_APPROVAL, APPROVED, REJECTED, EXECUTING);
                    case AWAITING_APPROVAL -> EnumSet.of(APPROVED, REJECTED);
                    case APPROVED -> EnumSet.of(EXECUTING);
                    case EXECUTING -> EnumSet.of(EXECUTED, FAILED);
                    case REJECTED, EXECUTED, FAILED -> EnumSet.noneOf(ActionStatus.class);
                });
    }

    public boolean canTransitionTo(ActionStatus next) {
        return next != null && allowedNext().contains(next);
    }
}
