package ai.socagent.services.threatclassifier.application.port.out;

import java.util.List;
import java.util.Objects;

/**
 * A technique the search ranked for a text.
 *
 * @param techniqueId T1078 or T1078.004
 * @param name its display name
 * @param tactics the kill-chain phases (tactic shortnames) it belongs to
 * @param score relevance, 0..1, comparable only within one text
 * @param matchedTerms the words of the text it matched, rarest first
 * @param evidence the procedure example or description sentence that matched best, or empty
 */
public record TechniqueCandidate(
        String techniqueId,
        String name,
        List<String> tactics,
        double score,
        List<String> matchedTerms,
        String evidence) {

    public TechniqueCandidate {
        Objects.requireNonNull(techniqueId, "techniqueId");
        Objects.requireNonNull(name, "name");
        tactics = List.copyOf(tactics);
        matchedTerms = List.copyOf(matchedTerms);
        Objects.requireNonNull(evidence, "evidence");
    }

    /** A one-line rationale naming the evidence. */
    public String rationale() {
        return "text matches " + String.join(", ", matchedTerms) + (evidence.isEmpty() ? "" : "; " + evidence);
    }
}
