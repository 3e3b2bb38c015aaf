package ai.socagent.domain.investigation;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Lifecycle of an investigation.
 *
 * <pre>
 * OPEN -> CLASSIFIED -> ENRICHED -> INVESTIGATING -> ROOT_CAUSE_IDENTIFIED -> RESPONSE_PROPOSED
 *      -> AWAITING_APPROVAL -> RESPONDING -> RESOLVED
 * CLASSIFIED -> INVESTIGATING           (enrichment skipped)
 * RESPONSE_PROPOSED -> RESPONDING       (nothing needs approval)
 * any non-terminal -> CLOSED_FALSE_POSITIVE | FAILED
 * </pre>
 *
 * RESOLVED, CLOSED_FALSE_POSITIVE and FAILED are terminal. A status never transitions to itself.
 */
public enum InvestigationStatus {
    OPEN,
    CLASSIFIED,
    ENRICHED,
    INVESTIGATING,
    ROOT_CAUSE_IDENTIFIED,
    RESPONSE_PROPOSED,
    AWAITING_APPROVAL,
    RESPONDING,
    RESOLVED,
    CLOSED_FALSE_POSITIVE,
    FAILED;

    /** True for RESOLVED, CLOSED_FALSE_POSITIVE and FAILED. */
    public boolean isTerminal() {
        return this == RESOLVED || this == CLOSED_FALSE_POSITIVE || this == FAILED;
    }

    /** The statuses this one may move to, per the lifecycle above. */
    public Set<InvestigationStatus> allowedNext() {
        EnumSet<InvestigationStatus> next = switch (this) {
            case OPEN -> EnumSet.of(CLASSIFIED);
            case CLASSIFIED -> EnumSet.of(ENRICHED, INVESTIGATING);
            case ENRICHED -> EnumSet.of(INVESTIGATING);
            case INVESTIGATING -> EnumSet.of(ROOT_CAUSE_IDENTIFIED);
            case ROOT_CAUSE_IDENTIFIED -> EnumSet.of(RESPONSE_PROPOSED);
            case RESPONSE_PROPOSED -> EnumSet.of(AWAITING_APPROVAL, RESPONDING);
            case AWAITING_APPROVAL -> EnumSet.of(RESPONDING);
            case RESPONDING -> EnumSet.of(RESOLVED);
            case RESOLVED, CLOSED_FALSE_POSITIVE, FAILED -> EnumSet.noneOf(InvestigationStatus.class);
        };
        if (!isTerminal()) {
            next.add(CLOSED_FALSE_POSITIVE);
            next.add(FAILED);
        }
        return Collections.unmodifiableSet(next);
    }

    /** True when the lifecycle allows moving from this status to {@code next}. */
    public boolean canTransitionTo(InvestigationStatus next) {
        return next != null && allowedNext().contains(next);
    }
}
