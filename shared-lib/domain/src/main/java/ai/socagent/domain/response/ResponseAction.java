package ai.socagent.domain.response;

import ai.socagent.domain.Preconditions;
import java.time.Instant;
import java.util.Optional;

/**
 * A proposed or executed response action. Immutable: the lifecycle methods return new instances and
 * throw {@link InvalidActionTransitionException} for moves {@link ActionStatus} forbids.
 *
 * <p>Approval policy: an action that is {@link ActionType#destructive() destructive} or whose risk
 * is HIGH or above always requires approval; the constructor refuses {@code requiresApproval=false}
 * for it. An action that requires approval can only be APPROVED, EXECUTING, EXECUTED or FAILED with
 * an approving decision recorded, and only REJECTED with a rejecting one.
 *
 * @param actionId our id (UUID)
 * @param type what to do
 * @param target what to do it to (instance id, access key id, IP, bucket name, ARN, channel)
 * @param risk the risk of doing it
 * @param requiresApproval whether a human must approve before execution
 * @param status the current status
 * @param rationale why it is proposed
 * @param decision the approval decision, once made
 * @param outcome the execution result or failure reason, once executed
 */
public record ResponseAction(
        String actionId,
        ActionType type,
        String target,
        RiskLevel risk,
        boolean requiresApproval,
        ActionStatus status,
        String rationale,
        Optional<ApprovalDecision> decision,
        Optional<String> outcome) {

    public ResponseAction {
        Preconditions.requireUuid(actionId, "actionId");
        Preconditions.requireNonNull(type, "type");
        Preconditions.requireNonBlank(target, "target");
        Preconditions.requireNonNull(risk, "risk");
        Preconditions.requireNonNull(status, "status");
        Preconditions.requireNonBlank(rationale, "rationale");
        decision = decision == null ? Optional.empty() : decision;
        outcome = Preconditions.optionalNonBlank(outcome, "outcome");
        if (!requiresApproval && approvalRequiredFor(type, risk)) {
            throw new IllegalArgumentException(type + " with risk " + risk + " must require approval ("
                    + (type.destructive() ? "the action is destructive" : "the risk is HIGH or above") + ")");
        }
        boolean approved = decision.map(ApprovalDecision::approved).orElse(false);
        boolean rejected = decision.map(d -> !d.approved()).orElse(false);
        switch (status) {
            case PROPOSED, AWAITING_APPROVAL -> {
                if (decision.isPresent()) {
                    throw new IllegalArgumentException("a " + status + " action cannot carry a decision yet");
                }
            }
            case APPROVED -> {
                if (!approved) {
                    throw new IllegalArgumentException("an APPROVED action needs an approving decision");
                }
            }
            case REJECTED -> {
                if (!rejected) {
                    throw new IllegalArgumentException("a REJECTED action needs a rejecting decision");
                }
            }
            case EXECUTING, EXECUTED, FAILED -> {
                if (rejected || (requiresApproval && !approved)) {
                    throw new IllegalArgumentException(
                            "a " + status + " action that requires approval needs an approving decision");
                }
            }
        }
        if (outcome.isPresent() && status != ActionStatus.EXECUTED && status != ActionStatus.FAILED) {
            throw new IllegalArgumentException("only EXECUTED or FAILED actions have an outcome, not " + status);
        }
    }

    /** Whether policy demands human approval for {@code type} at {@code risk}. */
    public static boolean approvalRequiredFor(ActionType type, RiskLevel risk) {
        return Preconditions.requireNonNull(type, "type").destructive()
                || Preconditions.requireNonNull(risk, "risk").isAtLeast(RiskLevel.HIGH);
    }

    /** A new PROPOSED action with a random id whose approval requirement follows the policy. */
    public static ResponseAction propose(ActionType type, String target, RiskLevel risk, String rationale) {
        return new ResponseAction(
                Preconditions.newId(),
                type,
                target,
                risk,
                approvalRequiredFor(type, risk),
                ActionStatus.PROPOSED,
                rationale,
                Optional.empty(),
                Optional.empty());
    }

    /** PROPOSED -> AWAITING_APPROVAL: the action was put in front of a human. */
    public ResponseAction requestApproval() {
        ensure(ActionStatus.AWAITING_APPROVAL, requiresApproval, "it does not require approval");
        return with(ActionStatus.AWAITING_APPROVAL, decision, outcome);
    }

    /** PROPOSED or AWAITING_APPROVAL -> APPROVED, recording who approved. */
    public ResponseAction approve(String by, Instant at) {
        ensure(ActionStatus.APPROVED, true, "");
        return with(ActionStatus.APPROVED, Optional.of(new ApprovalDecision(true, by, at, "")), outcome);
    }

    /** PROPOSED or AWAITING_APPROVAL -> REJECTED, recording who rejected and why. */
    public ResponseAction reject(String by, Instant at, String reason) {
        ensure(ActionStatus.REJECTED, true, "");
        return with(ActionStatus.REJECTED, Optional.of(new ApprovalDecision(false, by, at, reason)), outcome);
    }

    /** APPROVED -> EXECUTING, or PROPOSED -> EXECUTING when no approval is required. */
    public ResponseAction startExecution() {
        ensure(
                ActionStatus.EXECUTING,
                status == ActionStatus.APPROVED || !requiresApproval,
                "it requires approval and has not been approved");
        return with(ActionStatus.EXECUTING, decision, outcome);
    }

    /** EXECUTING -> EXECUTED with the execution result. */
    public ResponseAction complete(String result) {
        ensure(ActionStatus.EXECUTED, true, "");
        return with(ActionStatus.EXECUTED, decision, Optional.of(Preconditions.requireNonBlank(result, "result")));
    }

    /** EXECUTING -> FAILED with the failure reason. */
    public ResponseAction fail(String reason) {
        ensure(ActionStatus.FAILED, true, "");
        return with(ActionStatus.FAILED, decision, Optional.of(Preconditions.requireNonBlank(reason, "reason")));
    }

    /** True while a human decision is outstanding. */
    public boolean isPendingApproval() {
        return requiresApproval && (status == ActionStatus.PROPOSED || status == ActionStatus.AWAITING_APPROVAL);
    }

    private void ensure(ActionStatus next, boolean condition, String reason) {
        if (!status.canTransitionTo(next)) {
            throw new InvalidActionTransitionException(
                    actionId, status, next, "allowed from " + status + ": " + status.allowedNext());
        }
        if (!condition) {
            throw new InvalidActionTransitionException(actionId, status, next, reason);
        }
    }

    private ResponseAction with(
            ActionStatus next, Optional<ApprovalDecision> newDecision, Optional<String> newOutcome) {
        return new ResponseAction(
                actionId, type, target, risk, requiresApproval, next, rationale, newDecision, newOutcome);
    }
}
