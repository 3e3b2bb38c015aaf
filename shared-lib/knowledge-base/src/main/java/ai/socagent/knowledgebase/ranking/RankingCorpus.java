package ai.socagent.knowledgebase.ranking;

import ai.socagent.knowledgebase.analysis.TextAnalyzer;
import ai.socagent.knowledgebase.attack.AttackKnowledge;
import ai.socagent.knowledgebase.attack.ProcedureExample;
import ai.socagent.knowledgebase.attack.Technique;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The documents the technique ranking searches, built from an ATT&CK extract, the same for both
 * adapters:
 *
 * <ul>
 *   <li>one per technique: its name three times, the parent's name for a sub-technique, and its
 *       description, analysed by {@link TextAnalyzer};
 *   <li>one per shipped procedure example (the index part of the split: the held-out examples of
 *       bench/eval are never in the extract).
 * </ul>
 *
 * Each document has an ordinal (its position in the extract's order), which breaks ties the same
 * way in both adapters.
 */
public final class RankingCorpus {

    /**
     * @param ordinal position among the technique documents, in the extract's (id) order
     * @param techniqueId T1078 or T1078.004
     * @param terms the analysed terms, duplicates kept
     */
    public record TechniqueEntry(int ordinal, String techniqueId, List<String> terms) {
        public TechniqueEntry {
            terms = List.copyOf(terms);
        }
    }

    /**
     * @param ordinal position among the procedure documents: technique order, then the extract's
     * @param techniqueId the technique the example is of
     * @param example who did it and how
     * @param terms the analysed terms of the example's text
     */
    public record ProcedureEntry(int ordinal, String techniqueId, ProcedureExample example, List<String> terms) {
        public ProcedureEntry {
            terms = List.copyOf(terms);
        }
    }

    /**
     * Collection figures of one kind of document, as BM25 needs them.
     *
     * @param documents every document, those without any term included
     * @param totalLength the sum of their lengths
     * @param documentsWithTerms documents with at least one term (what a Lucene field counts)
     */
    public record Statistics(long documents, long totalLength, long documentsWithTerms) {

        public double averageLength() {
            return Bm25.averageLength(documents, totalLength);
        }
    }

    private final List<TechniqueEntry> techniques;
    private final List<ProcedureEntry> procedures;

    private RankingCorpus(List<TechniqueEntry> techniques, List<ProcedureEntry> procedures) {
        this.techniques = List.copyOf(techniques);
        this.procedures = List.copyOf(procedures);
    }

    /** The ranking documents of {@code attack}. */
    public static RankingCorpus of(AttackKnowledge attack) {
        Objects.requireNonNull(attack, "attack");
        TextAnalyzer analyzer = new TextAnalyzer();
        List<TechniqueEntry> techniques = new ArrayList<>();
        List<ProcedureEntry> procedures = new ArrayList<>();
        for (Technique technique : attack.techniques()) {
            List<String> name = analyzer.terms(technique.name());
            List<String> terms = new ArrayList<>();
            for (int repeat = 0; repeat < 3; repeat++) {
                terms.addAll(name);
            }
            if (technique.isSubTechnique()) {
                attack.technique(technique.parentId()).ifPresent(parent -> terms.addAll(analyzer.terms(parent.name())));
            }
            terms.addAll(analyzer.terms(technique.description()));
            techniques.add(new TechniqueEntry(techniques.size(), technique.id(), terms));
            for (ProcedureExample example : technique.procedures()) {
                procedures.add(
                        new ProcedureEntry(procedures.size(), technique.id(), example, analyzer.terms(example.text())));
            }
        }
        return new RankingCorpus(techniques, procedures);
    }

    public List<TechniqueEntry> techniques() {
        return techniques;
    }

    public List<ProcedureEntry> procedures() {
        return procedures;
    }

    public Statistics techniqueStatistics() {
        return statistics(techniques.stream().map(TechniqueEntry::terms).toList());
    }

    public Statistics procedureStatistics() {
        return statistics(procedures.stream().map(ProcedureEntry::terms).toList());
    }

    /** Terms as an indexed field holds them: separated by single spaces (terms never contain one). */
    public static String join(List<String> terms) {
        return String.join(" ", terms);
    }

    private static Statistics statistics(List<List<String>> documents) {
        long total = 0;
        long withTerms = 0;
        for (List<String> terms : documents) {
            total += terms.size();
            withTerms += terms.isEmpty() ? 0 : 1;
        }
        return new Statistics(documents.size(), total, withTerms);
    }
}
