package ai.socagent.domain.investigation;

import ai.socagent.domain.Preconditions;
import java.time.Instant;

/**
 * One step in an investigation's history.
 *
 * @param from the status before
 * @param to the status after, allowed by {@link InvestigationStatus#canTransitionTo}
 * @param at when
 * @param reason why, for the audit trail
 */
public record StatusChange(InvestigationStatus from, InvestigationStatus to, Instant at, String reason) {

    public StatusChange {
        Preconditions.requireNonNull(from, "from");
        Preconditions.requireNonNull(to, "to");
        Preconditions.requireNonNull(at, "at");
        Preconditions.requireNonBlank(reason, "reason");
        if (!from.canTransitionTo(to)) {
            throw new InvalidStatusTransitionException(from, to);
        }
    }
}
