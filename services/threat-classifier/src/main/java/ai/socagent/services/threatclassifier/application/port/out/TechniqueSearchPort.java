package ai.socagent.services.threatclassifier.application.port.out;

import java.util.List;

/**
 * Which ATT&CK techniques a finding's text points to: the knowledge base's technique ranking, as
 * the classifier needs it. Scores lie in 0..1 and compare only within one text.
 */
public interface TechniqueSearchPort {

    /** The best {@code limit} techniques for {@code text}, best first; empty when nothing matches. */
    List<TechniqueCandidate> search(String text, int limit);

    /**
     * How well {@code text} supports each of these techniques (scored against the text's best
     * technique, as by {@link #search}): the candidates of those it matches, in the order given.
     */
    List<TechniqueCandidate> rank(String text, List<String> techniqueIds);
}
