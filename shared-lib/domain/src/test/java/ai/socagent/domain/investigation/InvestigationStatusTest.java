package ai.socagent.domain.investigation;

import static ai.socagent.domain.investigation.InvestigationStatus.AWAITING_APPROVAL;
import static ai.socagent.domain.investigation.InvestigationStatus.CLASSIFIED;
import static ai.socagent.domain.investigation.InvestigationStatus.CLOSED_FALSE_POSITIVE;
import static ai.socagent.domain.investigation.InvestigationStatus.ENRICHED;
import static ai.socagent.domain.investigation.InvestigationStatus.FAILED;
import static ai.socagent.domain.investigation.InvestigationStatus.INVESTIGATING;
import static ai.socagent.domain.investigation.InvestigationStatus.OPEN;
import static ai.socagent.domain.investigation.InvestigationStatus.RESOLVED;
import static ai.socagent.domain.investigation.InvestigationStatus.RESPONDING;
import static ai.socagent.domain.investigation.InvestigationStatus.RESPONSE_PROPOSED;
import static ai.socagent.domain.investigation.InvestigationStatus.ROOT_CAUSE_IDENTIFIED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InvestigationStatusTest {

    /** The lifecycle as specified, written out independently of the implementation. */
    private static final Map<InvestigationStatus, Set<InvestigationStatus>> EXPECTED = Map.ofEntries(
            Map.entry(OPEN, EnumSet.of(CLASSIFIED, CLOSED_FALSE_POSITIVE, FAILED)),
            Map.entry(CLASSIFIED, EnumSet.of(ENRICHED, INVESTIGATING, CLOSED_FALSE_POSITIVE, FAILED)),
            Map.entry(ENRICHED, EnumSet.of(INVESTIGATING, CLOSED_FALSE_POSITIVE, FAILED)),
            Map.entry(INVESTIGATING, EnumSet.of(ROOT_CAUSE_IDENTIFIED, CLOSED_FALSE_POSITIVE, FAILED)),
            Map.entry(ROOT_CAUSE_IDENTIFIED, EnumSet.of(RESPONSE_PROPOSED, CLOSED_FALSE_POSITIVE, FAILED)),
            Map.entry(RESPONSE_PROPOSED, EnumSet.of(AWAITING_APPROVAL, RESPONDING, CLOSED_FALSE_POSITIVE, FAILED)),
            Map.entry(AWAITING_APPROVAL, EnumSet.of(RESPONDING, CLOSED_FALSE_POSITIVE, FAILED)),
            Map.entry(RESPONDING, EnumSet.of(RESOLVED, CLOSED_FALSE_POSITIVE, FAILED)),
            Map.entry(RESOLVED, EnumSet.noneOf(InvestigationStatus.class)),
            Map.entry(CLOSED_FALSE_POSITIVE, EnumSet.noneOf(InvestigationStatus.class)),
            Map.entry(FAILED, EnumSet.noneOf(InvestigationStatus.class)));

    @Test
    void allowedNext_everyStatus_matchesSpecifiedLifecycle() {
        assertThat(EXPECTED).hasSize(InvestigationStatus.values().length);
        for (InvestigationStatus from : InvestigationStatus.values()) {
            assertThat(from.allowedNext()).as("allowed from %s", from).isEqualTo(EXPECTED.get(from));
            for (InvestigationStatus to : InvestigationStatus.values()) {
                assertThat(from.canTransitionTo(to))
                        .as("%s -> %s", from, to)
                        .isEqualTo(EXPECTED.get(from).contains(to));
            }
        }
    }

    @ParameterizedTest
    @CsvSource({
        "OPEN, ENRICHED",
        "OPEN, RESOLVED",
        "OPEN, OPEN",
        "ENRICHED, CLASSIFIED",
        "INVESTIGATING, RESPONSE_PROPOSED",
        "AWAITING_APPROVAL, RESOLVED",
        "RESOLVED, OPEN",
        "FAILED, CLASSIFIED",
        "CLOSED_FALSE_POSITIVE, FAILED",
        "RESPONDING, AWAITING_APPROVAL"
    })
    void canTransitionTo_sampleOfForbiddenMoves_isFalse(InvestigationStatus from, InvestigationStatus to) {
        assertThat(from.canTransitionTo(to)).isFalse();
    }

    @Test
    void isTerminal_allStatuses_onlyResolvedFalsePositiveAndFailed() {
        assertThat(EnumSet.allOf(InvestigationStatus.class).stream().filter(InvestigationStatus::isTerminal))
                .containsExactlyInAnyOrder(RESOLVED, CLOSED_FALSE_POSITIVE, FAILED);
        assertThat(OPEN.canTransitionTo(null)).isFalse();
    }
}
