package ai.socagent.knowledgebase.feed;

import ai.socagent.knowledgebase.IntelIndicator;
import ai.socagent.knowledgebase.TechniqueDocument;
import java.util.List;

/**
 * What a loader read from one feed.
 *
 * @param indicators the indicators loaded
 * @param techniques the ATT&CK techniques loaded (STIX {@code attack-pattern} objects)
 * @param problems the records not loaded, in feed order
 */
public record FeedLoadResult(
        List<IntelIndicator> indicators, List<TechniqueDocument> techniques, List<FeedProblem> problems) {

    public FeedLoadResult {
        indicators = List.copyOf(indicators);
        techniques = List.copyOf(techniques);
        problems = List.copyOf(problems);
    }

    /** How many records were not loaded because of the given kind of problem. */
    public long count(FeedProblem.Kind kind) {
        return problems.stream().filter(p -> p.kind() == kind).count();
    }
}
