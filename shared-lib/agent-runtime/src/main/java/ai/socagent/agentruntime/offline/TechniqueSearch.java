package ai.socagent.agentruntime.offline;

import ai.socagent.agentruntime.attack.AttackKnowledge;
import ai.socagent.agentruntime.attack.ProcedureExample;
import ai.socagent.agentruntime.attack.Technique;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Ranks ATT&CK techniques for free text (a finding's title and description, a report paragraph)
 * with Okapi BM25 over two indexes built from {@link AttackKnowledge}:
 *
 * <ul>
 *   <li>one document per technique: its name (three times, plus the parent's name for a
 *       sub-technique) and description;
 *   <li>one document per shipped procedure example, scored per technique by its best example.
 * </ul>
 *
 * Each index's scores are divided by that index's best score for the query and the two are
 * combined with equal weight, so a candidate's {@link Candidate#score()} lies in 0..1 and the top
 * candidate of a query scores near 1. Every candidate carries its evidence: the query terms it
 * matched (rarest first) and the procedure example or description sentence that matched best.
 * Immutable and thread-safe once built; building from the embedded knowledge takes well under a
 * second.
 */
public final class TechniqueSearch {

    private static final double K1 = 1.2;
    private static final double B = 0.75;
    private static final double TECHNIQUE_WEIGHT = 0.5;
    private static final int MAX_EVIDENCE_TERMS = 6;
    private static final int MAX_SNIPPET = 240;

    /**
     * A ranked technique.
     *
     * @param technique the technique or sub-technique
     * @param score relevance, 0..1, comparable only within one query
     * @param matchedTerms the words of the query it matched (as written, lowercased), rarest first
     * @param evidence the procedure example or description sentence that matched best
     */
    public record Candidate(Technique technique, double score, List<String> matchedTerms, String evidence) {

        public Candidate {
            Objects.requireNonNull(technique, "technique");
            matchedTerms = List.copyOf(matchedTerms);
            Objects.requireNonNull(evidence, "evidence");
        }

        /** A one-line rationale naming the evidence. */
        public String rationale() {
            return "text matches " + String.join(", ", matchedTerms) + (evidence.isEmpty() ? "" : "; " + evidence);
        }
    }

    private record Procedure(int technique, ProcedureExample example) {}

    private record Sentence(String text, Set<String> terms) {}

    private static final class Holder {
        private static final TechniqueSearch EMBEDDED = new TechniqueSearch(AttackKnowledge.embedded());
    }

    private final TextAnalyzer analyzer = new TextAnalyzer();
    private final List<Technique> techniques;
    private final List<Set<String>> techniqueTerms = new ArrayList<>();
    private final Bm25Index techniqueIndex;
    private final List<Procedure> procedures = new ArrayList<>();
    private final Bm25Index procedureIndex;
    private final int[] procedureTechnique;
    private final String[][] procedureTerms;
    private final List<List<Sentence>> sentences = new ArrayList<>();
    private final Map<String, Integer> positions = new HashMap<>();

    /** Builds the indexes from {@code knowledge}. */
    public TechniqueSearch(AttackKnowledge knowledge) {
        Objects.requireNonNull(knowledge, "knowledge");
        this.techniques = knowledge.techniques();
        List<List<String>> techniqueDocs = new ArrayList<>();
        List<List<String>> procedureDocs = new ArrayList<>();
        for (int i = 0; i < techniques.size(); i++) {
            Technique technique = techniques.get(i);
            List<String> nameTerms = analyzer.terms(technique.name());
            List<String> doc = new ArrayList<>();
            for (int repeat = 0; repeat < 3; repeat++) {
                doc.addAll(nameTerms);
            }
            if (technique.isSubTechnique()) {
                knowledge.technique(technique.parentId()).ifPresent(p -> doc.addAll(analyzer.terms(p.name())));
            }
            doc.addAll(analyzer.terms(technique.description()));
            techniqueDocs.add(doc);
            techniqueTerms.add(new HashSet<>(doc));
            List<Sentence> split = new ArrayList<>();
            for (String sentence : (technique.name() + ". " + technique.description()).split("(?<=\\.)\\s+")) {
                split.add(new Sentence(sentence, Set.copyOf(analyzer.terms(sentence))));
            }
            sentences.add(split);
            for (ProcedureExample example : technique.procedures()) {
                procedures.add(new Procedure(i, example));
                procedureDocs.add(analyzer.terms(example.text()));
            }
        }
        this.procedureTerms =
                procedureDocs.stream().map(TechniqueSearch::distinct).toArray(String[][]::new);
        this.procedureTechnique =
                procedures.stream().mapToInt(Procedure::technique).toArray();
        for (int i = 0; i < techniques.size(); i++) {
            positions.put(techniques.get(i).id(), i);
        }
        this.techniqueIndex = new Bm25Index(techniqueDocs, K1, B);
        this.procedureIndex = new Bm25Index(procedureDocs, K1, B);
    }

    /** A search over the embedded knowledge, built on first use and shared. */
    public static TechniqueSearch embedded() {
        return Holder.EMBEDDED;
    }

    /** The analyzer queries and documents go through. */
    public TextAnalyzer analyzer() {
        return analyzer;
    }

    /**
     * The best {@code limit} techniques for {@code text}, best first; empty when no term of the
     * text occurs in ATT&CK.
     */
    public List<Candidate> search(String text, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        Scores scores = scores(text);
        if (scores == null) {
            return List.of();
        }
        List<Candidate> out = new ArrayList<>();
        for (int t : topIndexes(scores.combined(), limit)) {
            out.add(scores.candidate(t));
        }
        return out;
    }

    /**
     * Candidates for the given techniques only, in the order given, for text: how well the text
     * supports each of them. Techniques the text does not match at all, or unknown ids, are left
     * out.
     */
    public List<Candidate> rank(String text, List<String> techniqueIds) {
        Scores scores = scores(text);
        if (scores == null) {
            return List.of();
        }
        List<Candidate> out = new ArrayList<>();
        for (String id : techniqueIds) {
            Integer t = positions.get(id);
            if (t != null && scores.combined()[t] > 0) {
                out.add(scores.candidate(t));
            }
        }
        return out;
    }

    private final class Scores {
        private final Set<String> query;
        private final Map<String, String> words;
        private final double[] techniqueScores;
        private final double[] bestProcedure;
        private final int[] bestProcedureIndex;
        private final double maxTechnique;
        private final double maxProcedure;
        private final double[] combined;

        Scores(
                Set<String> query,
                Map<String, String> words,
                double[] techniqueScores,
                double[] bestProcedure,
                int[] bestProcedureIndex) {
            this.query = query;
            this.words = words;
            this.techniqueScores = techniqueScores;
            this.bestProcedure = bestProcedure;
            this.bestProcedureIndex = bestProcedureIndex;
            this.maxTechnique = max(techniqueScores);
            this.maxProcedure = max(bestProcedure);
            this.combined = new double[techniqueScores.length];
            for (int t = 0; t < combined.length; t++) {
                combined[t] = TECHNIQUE_WEIGHT * (maxTechnique > 0 ? techniqueScores[t] / maxTechnique : 0)
                        + (1 - TECHNIQUE_WEIGHT) * (maxProcedure > 0 ? bestProcedure[t] / maxProcedure : 0);
            }
        }

        double[] combined() {
            return combined;
        }

        boolean empty() {
            return maxTechnique <= 0 && maxProcedure <= 0;
        }

        Candidate candidate(int t) {
            return TechniqueSearch.this.candidate(
                    t,
                    combined[t],
                    query,
                    words,
                    bestProcedureIndex[t],
                    techniqueScores[t],
                    maxTechnique,
                    bestProcedure[t],
                    maxProcedure);
        }
    }

    private Scores scores(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Map<String, Integer> query = new LinkedHashMap<>();
        Map<String, String> words = new HashMap<>();
        for (TextAnalyzer.Term term : analyzer.analyze(text)) {
            query.merge(term.stem(), 1, Integer::sum);
            words.putIfAbsent(term.stem(), term.word());
        }
        if (query.isEmpty()) {
            return null;
        }
        double[] techniqueScores = new double[techniques.size()];
        techniqueIndex.score(query, techniqueScores);
        double[] procedureScores = new double[procedureIndex.size()];
        procedureIndex.score(query, procedureScores);
        double[] bestProcedure = new double[techniques.size()];
        int[] bestProcedureIndex = new int[techniques.size()];
        Arrays.fill(bestProcedureIndex, -1);
        for (int p = 0; p < procedureScores.length; p++) {
            int t = procedureTechnique[p];
            if (procedureScores[p] > bestProcedure[t]) {
                bestProcedure[t] = procedureScores[p];
                bestProcedureIndex[t] = p;
            }
        }
        Scores scores = new Scores(query.keySet(), words, techniqueScores, bestProcedure, bestProcedureIndex);
        return scores.empty() ? null : scores;
    }

    private Candidate candidate(
            int t,
            double score,
            Set<String> queryTerms,
            Map<String, String> words,
            int procedure,
            double techniqueScore,
            double maxTechnique,
            double procedureScore,
            double maxProcedure) {
        Technique technique = techniques.get(t);
        Set<String> matched = new HashSet<>();
        for (String term : queryTerms) {
            if (techniqueTerms.get(t).contains(term)) {
                matched.add(term);
            }
        }
        String evidence;
        boolean procedureLeads =
                procedure >= 0 && (maxTechnique <= 0 || procedureScore / maxProcedure >= techniqueScore / maxTechnique);
        if (procedureLeads) {
            ProcedureExample example = procedures.get(procedure).example();
            for (String term : procedureTerms[procedure]) {
                if (queryTerms.contains(term)) {
                    matched.add(term);
                }
            }
            evidence = "procedure example (" + example.by() + "): \"" + shorten(example.text()) + "\"";
        } else {
            evidence = bestSentence(t, matched);
        }
        Map<String, Double> rarity = new HashMap<>();
        for (String term : matched) {
            rarity.put(term, Math.max(techniqueIndex.idf(term), procedureIndex.idf(term)));
        }
        List<String> terms = matched.stream()
                .sorted(Comparator.comparingDouble((String term) -> -rarity.get(term))
                        .thenComparing(Comparator.naturalOrder()))
                .limit(MAX_EVIDENCE_TERMS)
                .map(term -> words.getOrDefault(term, term))
                .toList();
        return new Candidate(technique, Math.min(1.0, score), terms, evidence);
    }

    private String bestSentence(int t, Set<String> matched) {
        if (matched.isEmpty()) {
            return "";
        }
        String best = "";
        int bestCount = 0;
        for (Sentence sentence : sentences.get(t)) {
            int count = 0;
            for (String term : matched) {
                if (sentence.terms().contains(term)) {
                    count++;
                }
            }
            if (count > bestCount) {
                bestCount = count;
                best = sentence.text();
            }
        }
        return best.isEmpty() ? "" : "ATT&CK " + techniques.get(t).id() + ": \"" + shorten(best) + "\"";
    }

    private static String shorten(String text) {
        String flat = text.replace('\n', ' ').strip();
        return flat.length() <= MAX_SNIPPET ? flat : flat.substring(0, MAX_SNIPPET - 3) + "...";
    }

    private static double max(double[] values) {
        double max = 0;
        for (double value : values) {
            max = Math.max(max, value);
        }
        return max;
    }

    private static String[] distinct(List<String> terms) {
        return new LinkedHashSet<>(terms).toArray(String[]::new);
    }

    /** Indexes of the {@code limit} highest positive scores, best first, ties by index. */
    private static List<Integer> topIndexes(double[] scores, int limit) {
        int[] top = new int[Math.min(limit, scores.length)];
        int size = 0;
        for (int i = 0; i < scores.length; i++) {
            if (scores[i] <= 0 || (size == top.length && scores[i] <= scores[top[size - 1]])) {
                continue;
            }
            int position = size == top.length ? size - 1 : size++;
            while (position > 0 && scores[top[position - 1]] < scores[i]) {
                top[position] = top[position - 1];
                position--;
            }
            top[position] = i;
        }
        List<Integer> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(top[i]);
        }
        return out;
    }
}
