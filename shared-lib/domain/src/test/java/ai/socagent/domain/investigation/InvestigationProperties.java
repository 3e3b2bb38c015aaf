package ai.socagent.domain.investigation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.socagent.domain.Preconditions;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class InvestigationProperties {

    @Property
    void transitionTo_randomWalkOfAllowedMoves_keepsConsistentHistory(
            @ForAll @Size(max = 15) List<@IntRange(min = 0, max = 10) Integer> choices) {
        Instant t = Instant.parse("2025-01-01T00:00:00Z");
        Investigation investigation = Investigation.open(Preconditions.newId(), "c", t);
        for (int choice : choices) {
            List<InvestigationStatus> next = List.copyOf(investigation.status().allowedNext());
            if (next.isEmpty()) {
                break;
            }
            t = t.plusSeconds(1);
            investigation = investigation.transitionTo(next.get(choice % next.size()), t, "step");
        }
        List<StatusChange> history = investigation.history();
        assertThat(
                        history.isEmpty()
                                ? InvestigationStatus.OPEN
                                : history.getLast().to())
                .isEqualTo(investigation.status());
        for (int i = 1; i < history.size(); i++) {
            assertThat(history.get(i).from()).isEqualTo(history.get(i - 1).to());
        }
    }

    @Property
    void transitionTo_anyForbiddenMove_throwsAndNamesBothStatuses(
            @ForAll InvestigationStatus from, @ForAll InvestigationStatus to) {
        Assume.that(!from.canTransitionTo(to));
        Investigation investigation = reach(from);
        assertThatThrownBy(() -> investigation.transitionTo(to, investigation.updatedAt(), "x"))
                .isInstanceOf(InvalidStatusTransitionException.class)
                .hasMessageContaining(from.name())
                .hasMessageContaining(to.name());
    }

    /** An investigation in {@code target}, reached along the main path. */
    private static Investigation reach(InvestigationStatus target) {
        Instant t = Instant.parse("2025-01-01T00:00:00Z");
        Investigation investigation = Investigation.open(Preconditions.newId(), "c", t);
        if (target == InvestigationStatus.CLOSED_FALSE_POSITIVE || target == InvestigationStatus.FAILED) {
            return investigation.transitionTo(target, t, "closed");
        }
        InvestigationStatus[] main = {
            InvestigationStatus.OPEN,
            InvestigationStatus.CLASSIFIED,
            InvestigationStatus.ENRICHED,
            InvestigationStatus.INVESTIGATING,
            InvestigationStatus.ROOT_CAUSE_IDENTIFIED,
            InvestigationStatus.RESPONSE_PROPOSED,
            InvestigationStatus.AWAITING_APPROVAL,
            InvestigationStatus.RESPONDING,
            InvestigationStatus.RESOLVED
        };
        for (int i = 1; i < main.length && investigation.status() != target; i++) {
            investigation = investigation.transitionTo(main[i], t, "step");
        }
        return investigation;
    }
}
