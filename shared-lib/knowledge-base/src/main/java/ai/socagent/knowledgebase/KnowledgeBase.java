package ai.socagent.knowledgebase;

import ai.socagent.domain.indicator.Indicator;
import ai.socagent.knowledgebase.attack.AttackKnowledge;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Search over ATT&CK (techniques, mitigations, groups, software, campaigns) and threat-intelligence
 * indicators.
 *
 * <p>Writes are upserts: a technique or other ATT&CK object is keyed by its id, an indicator by its
 * normalised type and value, so indexing the same one again replaces it. Writes are visible to the
 * reads that follow them. Implementations are thread-safe; failures of the store surface as {@link
 * KnowledgeBaseException}.
 */
public interface KnowledgeBase extends AutoCloseable {

    /** Indexes (or replaces) techniques. */
    void indexTechniques(Collection<TechniqueDocument> techniques);

    /** Indexes (or replaces) mitigations, groups, software and campaigns. */
    void indexAttackObjects(Collection<AttackObject> objects);

    /**
     * Indexes every technique, sub-technique, mitigation, group, piece of software and campaign of
     * the ATT&CK extract, then records its {@link AttackKnowledge#source() release} as {@link
     * #attackRelease()} and its {@link AttackKnowledge#version() version} (release and content
     * digest) as {@link #attackVersion()}. Objects of an earlier release that the new one no longer
     * has stay indexed.
     */
    void indexAttack(AttackKnowledge attack);

    /** The {@link AttackKnowledge#source()} last indexed by {@link #indexAttack}, empty when none. */
    Optional<String> attackRelease();

    /**
     * The {@link AttackKnowledge#version()} last indexed by {@link #indexAttack}: empty when none,
     * or when the index was written before versions were recorded or before it held the technique
     * ranking (so {@link #indexAttackIfChanged} indexes the extract again).
     */
    Optional<String> attackVersion();

    /**
     * {@link #indexAttack Indexes} the extract unless this very extract is already indexed (a
     * restart over a persistent index): same release and same content, so that an extract that
     * carries more of the same release (a new version of scripts/extract-attack.py) is indexed
     * again, and so is an index that recorded only a release.
     *
     * @return true when it indexed, false when it skipped
     */
    default boolean indexAttackIfChanged(AttackKnowledge attack) {
        if (attackVersion().filter(attack.version()::equals).isPresent()) {
            return false;
        }
        indexAttack(attack);
        return true;
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

    /**
     * The techniques that best explain {@code text} (a finding's title and description, a report
     * paragraph), best first, at most {@code limit}; empty when no term of the text occurs in
     * ATT&CK. Ranked by BM25 (k1 1.2, b 0.75, exact document lengths) over two indexes built by
     * {@link #indexAttack}: one document per technique (its name three times, the parent's name
     * for a sub-technique, its description) and one per shipped procedure example, scored per
     * technique by its best example. Text and documents are analysed alike (stopwords, light
     * stemming, camelCase split); each index's scores are divided by its best score for the text
     * and the two averaged, so the best match scores near 1. Each match names the words it
     * matched and its evidence. Techniques added only by {@link #indexTechniques} are not ranked.
     */
    List<TechniqueMatch> rankTechniques(String text, int limit);

    /**
     * How well {@code text} supports each of these techniques: their matches (scored as by {@link
     * #rankTechniques(String, int)}, against the text's best technique), in the order given;
     * techniques the text does not match at all, and unknown ids, are left out.
     */
    List<TechniqueMatch> rankTechniques(String text, List<String> techniqueIds);

    /** The mitigation, group, software or campaign with this id (M1032, g0016, S0154), case-insensitive. */
    Optional<AttackObject> findAttackObject(String id);

    /**
     * Full-text search over the names, aliases and descriptions of ATT&CK objects of the given
     * types (all types when empty), best match first, at most {@code limit}; empty for blank text.
     * Same analysis as {@link #searchTechniques}; name and aliases weigh twice the description.
     */
    List<AttackObject> searchAttackObjects(String text, Set<AttackObject.Type> types, int limit);

    /**
     * The ATT&CK objects of the given types (all when empty) related to any of these techniques
     * (a mitigation mitigates it, a group, software or campaign used it), at most {@code limit}:
     * those related to the most of them first, then by id. Technique ids match exactly
     * (case-insensitive): T1078 does not bring the objects of T1078.004. For the enrichment of a
     * finding classified with several techniques: which groups use most of them, which
     * mitigations cover most of them.
     */
    List<AttackObject> relatedToTechniques(Collection<String> techniqueIds, Set<AttackObject.Type> types, int limit);

    /** The mitigations of a technique, by id, at most {@code limit}. */
    default List<AttackObject> mitigationsFor(String techniqueId, int limit) {
        return relatedToTechniques(List.of(techniqueId), EnumSet.of(AttackObject.Type.MITIGATION), limit);
    }

    /** The groups (intrusion sets) known to use a technique, by id, at most {@code limit}. */
    default List<AttackObject> groupsUsing(String techniqueId, int limit) {
        return relatedToTechniques(List.of(techniqueId), EnumSet.of(AttackObject.Type.GROUP), limit);
    }

    /** The malware and tools known to use a technique, by id, at most {@code limit}. */
    default List<AttackObject> softwareUsing(String techniqueId, int limit) {
        return relatedToTechniques(List.of(techniqueId), AttackObject.Type.SOFTWARE, limit);
    }

    @Override
    void close();
}
