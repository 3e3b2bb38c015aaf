package ai.socagent.domain.response;

import ai.socagent.domain.Preconditions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The response proposed for an investigation.
 *
 * @param planId our id (UUID)
 * @param investigationId the investigation it answers
 * @param actions the actions in execution order; action ids are unique
 * @param createdAt when it was proposed
 */
public record ResponsePlan(String planId, String investigationId, List<ResponseAction> actions, Instant createdAt) {

    public ResponsePlan {
        Preconditions.requireUuid(planId, "planId");
        Preconditions.requireUuid(investigationId, "investigationId");
        actions = Preconditions.copyList(actions, "actions");
        Set<String> ids = new HashSet<>();
        for (ResponseAction action : actions) {
            if (!ids.add(action.actionId())) {
                throw new IllegalArgumentException("duplicate actionId " + action.actionId());
            }
        }
        Preconditions.requireNonNull(createdAt, "createdAt");
    }

    /** Actions that require approval and have no decision yet. */
    public List<ResponseAction> pendingApprovals() {
        return actions.stream().filter(ResponseAction::isPendingApproval).toList();
    }

    /** True when some action still waits for a human decision. */
    public boolean awaitsApproval() {
        return !pendingApprovals().isEmpty();
    }

    /** This plan with the action of the same id replaced by {@code updated}. */
    public ResponsePlan withAction(ResponseAction updated) {
        Preconditions.requireNonNull(updated, "updated");
        List<ResponseAction> replaced = new ArrayList<>(actions.size());
        boolean found = false;
        for (ResponseAction action : actions) {
            if (action.actionId().equals(updated.actionId())) {
                replaced.add(updated);
                found = true;
            } else {
                replaced.add(action);
            }
        }
        if (!found) {
            throw new IllegalArgumentException("plan " + planId + " has no action " + updated.actionId());
        }
        return new ResponsePlan(planId, investigationId, replaced, createdAt);
    }
}
