package ai.socagent.knowledgebase.ranking;

import ai.socagent.knowledgebase.TechniqueDocument;
import ai.socagent.knowledgebase.TechniqueMatch;
import ai.socagent.knowledgebase.analysis.TextAnalyzer;
import ai.socagent.knowledgebase.attack.ProcedureExample;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Turns what an adapter's two indexes matched for a query into ranked {@link TechniqueMatch}es,
 * the same way for both adapters. Each index's scores are divided by that index's best score for
 * the query and the two are combined with equal weight, so a match scores 0..1 and the best of a
 * query near 1. Each match carries its evidence: the query terms it matched (rarest first) and the
 * procedure example or description sentence that matched best. Ties go to the lower technique id.
 *
 * <p>Thread-safe. The technique documents and their description sentences are kept between
 * queries (at most {@value #PROFILES} techniques); {@link #forget()} drops them after a write.
 */
public final class TechniqueRanker {

    static final double TECHNIQUE_WEIGHT = 0.5;
    static final int MAX_EVIDENCE_TERMS = 6;
    static final int MAX_SNIPPET = 240;
    static final int PROFILES = 10_000;

    /**
     * What an adapter matched for one query, over the techniques it knows (indexes {@code 0 ..
     * size() - 1}); scores are {@link Bm25} with exact lengths.
     */
    public interface Matches {

        /** How many techniques the scores cover. */
        int size();

        /** The id of a technique. */
        String techniqueId(int technique);

        /** The index of a technique id, -1 when the matches do not cover it. */
        int indexOf(String techniqueId);

        /** The score of the technique's document, 0 when it did not match. */
        double techniqueScore(int technique);

        /** The score of the technique's best procedure example, 0 when none matched. */
        double procedureScore(int technique);

        /** The query terms (stems) the technique's document contains. */
        Set<String> techniqueTerms(int technique);

        /** The query terms (stems) the technique's best procedure example contains. */
        Set<String> procedureTerms(int technique);

        /** How rare a query term is: its larger idf of the two indexes, 0 when neither has it. */
        double rarity(String stem);

        /** The best procedure examples of these techniques, by technique index. */
        Map<Integer, ProcedureExample> procedures(List<Integer> techniques);
    }

    /** Where the ranker reads technique documents (names and descriptions) from. */
    @FunctionalInterface
    public interface Techniques {

        /** The documents of those ids that exist, by id. */
        Map<String, TechniqueDocument> find(Collection<String> ids);
    }

    private record Sentence(String text, Set<String> terms) {}

    private record Profile(TechniqueDocument technique, List<Sentence> sentences) {}

    private final TextAnalyzer analyzer = new TextAnalyzer();
    private final Techniques techniques;
    private final Cache<String, Profile> profiles =
            Caffeine.newBuilder().maximumSize(PROFILES).build();

    public TechniqueRanker(Techniques techniques) {
        this.techniques = Objects.requireNonNull(techniques, "techniques");
    }

    /** The best {@code limit} techniques, best first. */
    public List<TechniqueMatch> best(RankingQuery query, Matches matches, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        Scores scores = new Scores(matches);
        if (scores.empty()) {
            return List.of();
        }
        // The best `limit` by combined score, ties to the lower technique id: a bounded heap whose
        // head is the worst kept.
        Comparator<Integer> better = Comparator.comparingDouble((Integer t) -> scores.combined[t])
                .reversed()
                .thenComparing(matches::techniqueId);
        PriorityQueue<Integer> kept = new PriorityQueue<>(limit + 1, better.reversed());
        for (int t = 0; t < matches.size(); t++) {
            if (scores.combined[t] <= 0) {
                continue;
            }
            kept.add(t);
            if (kept.size() > limit) {
                kept.poll();
            }
        }
        List<Integer> techniques = new ArrayList<>(kept);
        techniques.sort(better);
        return matches(query, matches, scores, techniques);
    }

    /** The given techniques that the query matches at all, in the order given. */
    public List<TechniqueMatch> supportFor(RankingQuery query, Matches matches, List<String> techniqueIds) {
        Scores scores = new Scores(matches);
        if (scores.empty()) {
            return List.of();
        }
        List<Integer> techniques = techniqueIds.stream()
                .map(id -> matches.indexOf(TechniqueDocument.normalizeId(id)))
                .filter(t -> t >= 0 && scores.combined[t] > 0)
                .distinct()
                .toList();
        return matches(query, matches, scores, techniques);
    }

    /** Drops the kept technique documents, after the index changed. */
    public void forget() {
        profiles.invalidateAll();
    }

    private static final class Scores {
        private final Matches matches;
        private final double maxTechnique;
        private final double maxProcedure;
        private final double[] combined;

        Scores(Matches matches) {
            this.matches = matches;
            double technique = 0;
            double procedure = 0;
            for (int t = 0; t < matches.size(); t++) {
                technique = Math.max(technique, matches.techniqueScore(t));
                procedure = Math.max(procedure, matches.procedureScore(t));
            }
            this.maxTechnique = technique;
            this.maxProcedure = procedure;
            this.combined = new double[matches.size()];
            for (int t = 0; t < combined.length; t++) {
                combined[t] = TECHNIQUE_WEIGHT * (maxTechnique > 0 ? matches.techniqueScore(t) / maxTechnique : 0)
                        + (1 - TECHNIQUE_WEIGHT) * (maxProcedure > 0 ? matches.procedureScore(t) / maxProcedure : 0);
            }
        }

        boolean empty() {
            return maxTechnique <= 0 && maxProcedure <= 0;
        }

        /** Whether the technique's best procedure example explains the match better than its description. */
        boolean procedureLeads(int t) {
            double procedure = matches.procedureScore(t);
            return procedure > 0
                    && (maxTechnique <= 0 || procedure / maxProcedure >= matches.techniqueScore(t) / maxTechnique);
        }
    }

    private List<TechniqueMatch> matches(RankingQuery query, Matches matches, Scores scores, List<Integer> techniques) {
        Map<String, Profile> profiles =
                profiles(techniques.stream().map(matches::techniqueId).toList());
        List<Integer> procedureLed =
                techniques.stream().filter(scores::procedureLeads).toList();
        Map<Integer, ProcedureExample> examples = procedureLed.isEmpty() ? Map.of() : matches.procedures(procedureLed);
        List<TechniqueMatch> out = new ArrayList<>(techniques.size());
        for (int t : techniques) {
            Profile profile = profiles.get(matches.techniqueId(t));
            if (profile == null) {
                continue;
            }
            Set<String> matched = new HashSet<>(matches.techniqueTerms(t));
            String evidence;
            ProcedureExample example = examples.get(t);
            if (scores.procedureLeads(t) && example != null) {
                matched.addAll(matches.procedureTerms(t));
                evidence = "procedure example (" + example.by() + "): \"" + shorten(example.text()) + "\"";
            } else {
                evidence = bestSentence(profile, matched);
            }
            List<String> terms = matched.stream()
                    .sorted(Comparator.comparingDouble((String term) -> -matches.rarity(term))
                            .thenComparing(Comparator.naturalOrder()))
                    .limit(MAX_EVIDENCE_TERMS)
                    .map(query::word)
                    .toList();
            out.add(new TechniqueMatch(profile.technique(), Math.min(1.0, scores.combined[t]), terms, evidence));
        }
        return out;
    }

    private Map<String, Profile> profiles(List<String> ids) {
        Map<String, Profile> found = new HashMap<>(profiles.getAllPresent(ids));
        Set<String> missing = new LinkedHashSet<>(ids);
        missing.removeAll(found.keySet());
        if (!missing.isEmpty()) {
            techniques.find(missing).forEach((id, technique) -> {
                Profile profile = profile(technique);
                profiles.put(id, profile);
                found.put(id, profile);
            });
        }
        return found;
    }

    private Profile profile(TechniqueDocument technique) {
        List<Sentence> sentences = new ArrayList<>();
        for (String sentence : (technique.name() + ". " + technique.description()).split("(?<=\\.)\\s+")) {
            sentences.add(new Sentence(sentence, Set.copyOf(analyzer.terms(sentence))));
        }
        return new Profile(technique, List.copyOf(sentences));
    }

    private static String bestSentence(Profile profile, Set<String> matched) {
        if (matched.isEmpty()) {
            return "";
        }
        String best = "";
        int bestCount = 0;
        for (Sentence sentence : profile.sentences()) {
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
        return best.isEmpty() ? "" : "ATT&CK " + profile.technique().id() + ": \"" + shorten(best) + "\"";
    }

    private static String shorten(String text) {
        String flat = text.replace('\n', ' ').strip();
        return flat.length() <= MAX_SNIPPET ? flat : flat.substring(0, MAX_SNIPPET - 3) + "...";
    }
}
