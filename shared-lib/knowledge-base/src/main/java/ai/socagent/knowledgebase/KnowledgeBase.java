package ai.socagent.knowledgebase;

import ai.socagent.agentruntime.attack.AttackKnowledge;
import ai.socagent.domain.indicator.Indicator;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Search over ATT&CK techniques and threat-intelligence indicators.
 *
 * <p>Writes are upserts: a technique is keyed by its id, an indicator by its normalised type and
 * value, so indexing the same one again replaces it. Writes are visible to the reads that follow
 * them. Implementations are thread-safe; failures of the store surface as {@link
 * KnowledgeBaseException}.
 */
public interface KnowledgeBase extends AutoCloseable {

    /** Indexes (or replaces) techniques. */
    void indexTechniques(Collection<TechniqueDocument> techniques);

    /** Indexes every technique and sub-technique of the ATT&CK extract. */
    default void indexAttack(AttackKnowledge attack) {
        indexTechniques(
                attack.techniques().stream().map(TechniqueDocument::from).toList());
    }

    /** Indexes (or replaces) indicators. */
    void indexIndicators(Collection<IntelIndicator> indicators);

    /** The intelligence held for exactly this indicator (same type, same normalised value). */
    Optional<IntelIndicator> findIndicator(Indicator indicator);

    /** Indicators related to a technique id (T1071 or T1071.001, case-insensitive), at most {@code limit}. */
    List<IntelIndicator> indicatorsForTechnique(String techniqueId, int limit);

    /** The technique with this id (T1078 or T1078.004, case-insensitive). */
    Optional<TechniqueDocument> findTechnique(String id);

    /**
     * Full-text search over technique names and descriptions (standard analyzer: lowercased
     * words, no stemming), best match first, at most {@code limit}; empty for blank text.
     */
    List<TechniqueDocument> searchTechniques(String text, int limit);

    @Override
    void close();
}
