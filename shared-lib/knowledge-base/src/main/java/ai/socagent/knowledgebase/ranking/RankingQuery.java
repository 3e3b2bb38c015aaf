package ai.socagent.knowledgebase.ranking;

import ai.socagent.knowledgebase.analysis.TextAnalyzer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A text analysed for the technique ranking: its distinct terms in order of first appearance, each
 * with its frequency in the text and the word it first came from (for display).
 */
public final class RankingQuery {

    /**
     * @param stem the term as indexed
     * @param word the word it came from, lowercased
     * @param frequency how often the text has the term
     */
    public record Term(String stem, String word, int frequency) {}

    private final List<Term> terms;
    private final Map<String, String> words = new HashMap<>();

    private RankingQuery(List<Term> terms) {
        this.terms = List.copyOf(terms);
        terms.forEach(term -> words.put(term.stem(), term.word()));
    }

    /** The query of {@code text}; {@link #isEmpty()} when no term remains (blank text, stopwords only). */
    public static RankingQuery of(String text, TextAnalyzer analyzer) {
        Map<String, Integer> frequencies = new LinkedHashMap<>();
        Map<String, String> words = new HashMap<>();
        if (text != null && !text.isBlank()) {
            for (TextAnalyzer.Term term : analyzer.analyze(text)) {
                frequencies.merge(term.stem(), 1, Integer::sum);
                words.putIfAbsent(term.stem(), term.word());
            }
        }
        List<Term> terms = new ArrayList<>(frequencies.size());
        frequencies.forEach((stem, frequency) -> terms.add(new Term(stem, words.get(stem), frequency)));
        return new RankingQuery(terms);
    }

    /** The distinct terms, in order of first appearance. */
    public List<Term> terms() {
        return terms;
    }

    public boolean isEmpty() {
        return terms.isEmpty();
    }

    /** The word a term came from, or the term itself. */
    public String word(String stem) {
        return words.getOrDefault(stem, stem);
    }
}
