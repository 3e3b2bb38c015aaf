package ai.socagent.domain.response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.socagent.domain.Preconditions;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ResponseActionTest {

    private static final Instant T0 = Instant.parse("2025-06-01T10:00:00Z");

    private static ResponseAction proposed(ActionType type, RiskLevel risk, boolean requiresApproval) {
        return new ResponseAction(
                Preconditions.newId(),
                type,
                "i-0abc1234def567890",
                risk,
                requiresApproval,
                ActionStatus.PROPOSED,
                "contain the instance",
                Optional.empty(),
                Optional.empty());
    }

    @Test
    void destructive_eachType_matchesWhetherItChangesTheEnvironment() {
        Set<ActionType> nonDestructive = EnumSet.of(
                ActionType.SNAPSHOT_VOLUME, ActionType.COLLECT_FORENSICS, ActionType.NOTIFY, ActionType.CREATE_TICKET);
        for (ActionType type : ActionType.values()) {
            assertThat(type.destructive()).as(type.name()).isEqualTo(!nonDestructive.contains(type));
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = ActionType.class,
            names = {"ISOLATE_INSTANCE", "DISABLE_ACCESS_KEY", "BLOCK_IP", "ROTATE_CREDENTIALS"})
    void constructor_destructiveWithoutApproval_refused(ActionType type) {
        assertThatThrownBy(() -> proposed(type, RiskLevel.LOW, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must require approval")
                .hasMessageContaining("destructive");
    }

    @ParameterizedTest
    @EnumSource(
            value = RiskLevel.class,
            names = {"HIGH", "CRITICAL"})
    void constructor_highRiskWithoutApproval_refused(RiskLevel risk) {
        assertThatThrownBy(() -> proposed(ActionType.NOTIFY, risk, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("HIGH or above");
    }

    @Test
    void propose_policy_setsRequiresApproval() {
        assertThat(ResponseAction.propose(ActionType.NOTIFY, "#soc", RiskLevel.LOW, "tell the SOC")
                        .requiresApproval())
                .isFalse();
        assertThat(ResponseAction.propose(ActionType.NOTIFY, "#soc", RiskLevel.HIGH, "tell the SOC")
                        .requiresApproval())
                .isTrue();
        assertThat(ResponseAction.propose(ActionType.BLOCK_IP, "198.51.100.7", RiskLevel.LOW, "block")
                        .requiresApproval())
                .isTrue();
    }

    @Test
    void lifecycle_approvedDestructiveAction_executesAndRecordsDecision() {
        ResponseAction action = ResponseAction.propose(
                        ActionType.ISOLATE_INSTANCE, "i-0abc", RiskLevel.HIGH, "C2 traffic")
                .requestApproval();
        assertThat(action.status()).isEqualTo(ActionStatus.AWAITING_APPROVAL);
        assertThat(action.isPendingApproval()).isTrue();
        ResponseAction approved = action.approve("analyst@example.com", T0);
        assertThat(approved.decision()).hasValueSatisfying(d -> {
            assertThat(d.approved()).isTrue();
            assertThat(d.decidedBy()).isEqualTo("analyst@example.com");
        });
        ResponseAction done = approved.startExecution().complete("instance moved to quarantine SG");
        assertThat(done.status()).isEqualTo(ActionStatus.EXECUTED);
        assertThat(done.outcome()).contains("instance moved to quarantine SG");
        assertThat(done.isPendingApproval()).isFalse();
    }

    @Test
    void startExecution_requiresApprovalButNotApproved_refused() {
        ResponseAction action = ResponseAction.propose(ActionType.DISABLE_ACCESS_KEY, "AKIA", RiskLevel.MEDIUM, "r");
        assertThatThrownBy(action::startExecution)
                .isInstanceOf(InvalidActionTransitionException.class)
                .hasMessageContaining("requires approval");
        ResponseAction awaiting = action.requestApproval();
        assertThatThrownBy(awaiting::startExecution)
                .isInstanceOfSatisfying(InvalidActionTransitionException.class, e -> {
                    assertThat(e.from()).isEqualTo(ActionStatus.AWAITING_APPROVAL);
                    assertThat(e.to()).isEqualTo(ActionStatus.EXECUTING);
                });
    }

    @Test
    void startExecution_noApprovalNeeded_runsFromProposedAndCanFail() {
        ResponseAction action = ResponseAction.propose(ActionType.CREATE_TICKET, "JIRA", RiskLevel.LOW, "track");
        ResponseAction failed = action.startExecution().fail("ticketing API returned 503");
        assertThat(failed.status()).isEqualTo(ActionStatus.FAILED);
        assertThat(failed.outcome()).contains("ticketing API returned 503");
        assertThatThrownBy(action::requestApproval).hasMessageContaining("does not require approval");
    }

    @Test
    void reject_thenAnyMove_refused() {
        ResponseAction rejected = ResponseAction.propose(ActionType.BLOCK_IP, "198.51.100.7", RiskLevel.LOW, "r")
                .reject("lead", T0, "shared NAT address");
        assertThat(rejected.status()).isEqualTo(ActionStatus.REJECTED);
        assertThat(rejected.decision()).map(ApprovalDecision::comment).contains("shared NAT address");
        assertThatThrownBy(() -> rejected.approve("lead", T0)).isInstanceOf(InvalidActionTransitionException.class);
        assertThatThrownBy(rejected::startExecution).isInstanceOf(InvalidActionTransitionException.class);
    }

    @Test
    void complete_notExecuting_refused() {
        ResponseAction action = ResponseAction.propose(ActionType.NOTIFY, "#soc", RiskLevel.LOW, "r");
        assertThatThrownBy(() -> action.complete("done")).isInstanceOf(InvalidActionTransitionException.class);
        assertThatThrownBy(() -> action.fail("x")).isInstanceOf(InvalidActionTransitionException.class);
    }

    @Test
    void actionStatus_transitionTable_isExplicit() {
        assertThat(ActionStatus.PROPOSED.allowedNext())
                .containsExactlyInAnyOrder(
                        ActionStatus.AWAITING_APPROVAL,
                        ActionStatus.APPROVED,
                        ActionStatus.REJECTED,
                        ActionStatus.EXECUTING);
        assertThat(ActionStatus.AWAITING_APPROVAL.allowedNext())
                .containsExactlyInAnyOrder(ActionStatus.APPROVED, ActionStatus.REJECTED);
        assertThat(ActionStatus.APPROVED.allowedNext()).containsExactly(ActionStatus.EXECUTING);
        assertThat(ActionStatus.EXECUTING.allowedNext())
                .containsExactlyInAnyOrder(ActionStatus.EXECUTED, ActionStatus.FAILED);
        for (ActionStatus terminal : List.of(ActionStatus.REJECTED, ActionStatus.EXECUTED, ActionStatus.FAILED)) {
            assertThat(terminal.isTerminal()).isTrue();
            assertThat(terminal.allowedNext()).isEmpty();
        }
    }

    @Test
    void constructor_approvedWithoutDecision_refused() {
        assertThatThrownBy(() -> new ResponseAction(
                        Preconditions.newId(),
                        ActionType.BLOCK_IP,
                        "198.51.100.7",
                        RiskLevel.LOW,
                        true,
                        ActionStatus.EXECUTED,
                        "r",
                        Optional.empty(),
                        Optional.of("blocked")))
                .hasMessageContaining("needs an approving decision");
    }

    @Test
    void plan_pendingApprovals_listsUndecidedApprovalActions() {
        ResponseAction notify = ResponseAction.propose(ActionType.NOTIFY, "#soc", RiskLevel.LOW, "tell");
        ResponseAction isolate = ResponseAction.propose(ActionType.ISOLATE_INSTANCE, "i-1", RiskLevel.HIGH, "c2");
        ResponseAction block = ResponseAction.propose(ActionType.BLOCK_IP, "198.51.100.7", RiskLevel.MEDIUM, "c2")
                .requestApproval();
        ResponsePlan plan =
                new ResponsePlan(Preconditions.newId(), Preconditions.newId(), List.of(notify, isolate, block), T0);
        assertThat(plan.pendingApprovals()).containsExactly(isolate, block);
        assertThat(plan.awaitsApproval()).isTrue();

        ResponsePlan decided = plan.withAction(isolate.approve("lead", T0)).withAction(block.reject("lead", T0, "no"));
        assertThat(decided.pendingApprovals()).isEmpty();
        assertThat(decided.actions())
                .extracting(ResponseAction::status)
                .containsExactly(ActionStatus.PROPOSED, ActionStatus.APPROVED, ActionStatus.REJECTED);
    }

    @Test
    void plan_duplicateOrUnknownAction_refused() {
        ResponseAction notify = ResponseAction.propose(ActionType.NOTIFY, "#soc", RiskLevel.LOW, "tell");
        assertThatThrownBy(() ->
                        new ResponsePlan(Preconditions.newId(), Preconditions.newId(), List.of(notify, notify), T0))
                .hasMessageContaining("duplicate actionId");
        ResponsePlan plan = new ResponsePlan(Preconditions.newId(), Preconditions.newId(), List.of(notify), T0);
        ResponseAction other = ResponseAction.propose(ActionType.NOTIFY, "#soc", RiskLevel.LOW, "tell");
        assertThatThrownBy(() -> plan.withAction(other)).hasMessageContaining("has no action");
    }

    @Test
    void riskLevel_isAtLeast_followsDeclarationOrder() {
        assertThat(RiskLevel.CRITICAL.isAtLeast(RiskLevel.HIGH)).isTrue();
        assertThat(RiskLevel.MEDIUM.isAtLeast(RiskLevel.HIGH)).isFalse();
    }
}
