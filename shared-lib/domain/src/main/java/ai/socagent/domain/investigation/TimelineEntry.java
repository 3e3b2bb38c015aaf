package ai.socagent.domain.investigation;

import ai.socagent.domain.Preconditions;
import java.time.Instant;
import java.util.List;

/**
 * One step of a causal chain.
 *
 * @param at when it happened
 * @param description what happened
 * @param evidenceIds the evidence supporting it
 */
public record TimelineEntry(Instant at, String description, List<String> evidenceIds) {

    public TimelineEntry {
        Preconditions.requireNonNull(at, "at");
        Preconditions.requireNonBlank(description, "description");
        evidenceIds = Preconditions.copyList(evidenceIds, "evidenceIds");
    }
}
