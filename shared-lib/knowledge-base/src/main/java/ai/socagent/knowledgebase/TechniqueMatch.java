package ai.socagent.knowledgebase;

import java.util.List;
import java.util.Objects;

/**
 * A technique ranked for a text by {@link KnowledgeBase#rankTechniques(String, int)}.
 *
 * @param technique the technique or sub-technique
 * @param score relevance, 0..1, comparable only within one query (the best technique of a query
 *     scores near 1)
 * @param matchedTerms the words of the text it matched (as written, lowercased), rarest first, at
 *     most six
 * @param evidence the procedure example or description sentence that matched best, empty when
 *     none did
 */
public record TechniqueMatch(TechniqueDocument technique, double score, List<String> matchedTerms, String evidence) {

    public TechniqueMatch {
        Objects.requireNonNull(technique, "technique");
        matchedTerms = List.copyOf(matchedTerms);
        Objects.requireNonNull(evidence, "evidence");
    }

    /** A one-line rationale naming the evidence. */
    public String rationale() {
        return "text matches " + String.join(", ", matchedTerms) + (evidence.isEmpty() ? "" : "; " + evidence);
    }
}
