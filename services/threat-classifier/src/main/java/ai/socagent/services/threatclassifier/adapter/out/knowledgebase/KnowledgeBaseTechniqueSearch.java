package ai.socagent.services.threatclassifier.adapter.out.knowledgebase;

import ai.socagent.knowledgebase.KnowledgeBase;
import ai.socagent.knowledgebase.TechniqueMatch;
import ai.socagent.services.threatclassifier.application.port.out.TechniqueCandidate;
import ai.socagent.services.threatclassifier.application.port.out.TechniqueSearchPort;
import java.util.List;
import java.util.Objects;

/**
 * The technique search over the knowledge base of {@code soc.knowledge-base.*}: embedded Lucene in
 * the standalone mode, OpenSearch in the aws and local modes. The ranking itself is the knowledge
 * base's ({@link KnowledgeBase#rankTechniques(String, int)}); this adapter only maps its matches.
 */
public final class KnowledgeBaseTechniqueSearch implements TechniqueSearchPort {

    private final KnowledgeBase knowledgeBase;

    public KnowledgeBaseTechniqueSearch(KnowledgeBase knowledgeBase) {
        this.knowledgeBase = Objects.requireNonNull(knowledgeBase, "knowledgeBase");
    }

    @Override
    public List<TechniqueCandidate> search(String text, int limit) {
        return knowledgeBase.rankTechniques(text, limit).stream()
                .map(KnowledgeBaseTechniqueSearch::candidate)
                .toList();
    }

    @Override
    public List<TechniqueCandidate> rank(String text, List<String> techniqueIds) {
        return knowledgeBase.rankTechniques(text, techniqueIds).stream()
                .map(KnowledgeBaseTechniqueSearch::candidate)
                .toList();
    }

    private static TechniqueCandidate candidate(TechniqueMatch match) {
        return new TechniqueCandidate(
                match.technique().id(),
                match.technique().name(),
                match.technique().tactics(),
                match.score(),
                match.matchedTerms(),
                match.evidence());
    }
}
