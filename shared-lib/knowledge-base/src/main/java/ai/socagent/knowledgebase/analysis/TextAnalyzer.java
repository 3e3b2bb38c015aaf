package ai.socagent.knowledgebase.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns free text into search terms: splits on anything but letters and digits, also splits
 * camelCase words ({@code PortProbeUnprotectedPort} yields the whole word and {@code port}, {@code
 * probe}, {@code unprotected}), lowercases, drops English and ATT&CK boilerplate stopwords
 * ("adversaries may use ...") and strips common inflections (a light stemmer: {@code scanning},
 * {@code scans} and {@code scanned} all become {@code scan}). Thread-safe.
 */
public final class TextAnalyzer {

    private static final Set<String> STOPWORDS = Set.of(
            "a",
            "about",
            "above",
            "after",
            "again",
            "against",
            "all",
            "also",
            "am",
            "an",
            "and",
            "any",
            "are",
            "as",
            "at",
            "be",
            "because",
            "been",
            "before",
            "being",
            "below",
            "between",
            "both",
            "but",
            "by",
            "can",
            "could",
            "did",
            "do",
            "does",
            "doing",
            "down",
            "during",
            "each",
            "either",
            "etc",
            "few",
            "for",
            "from",
            "further",
            "had",
            "has",
            "have",
            "having",
            "he",
            "her",
            "here",
            "hers",
            "him",
            "his",
            "how",
            "however",
            "if",
            "in",
            "into",
            "is",
            "it",
            "its",
            "itself",
            "just",
            "may",
            "might",
            "more",
            "most",
            "must",
            "no",
            "nor",
            "not",
            "now",
            "of",
            "off",
            "on",
            "once",
            "one",
            "only",
            "or",
            "other",
            "our",
            "out",
            "over",
            "own",
            "same",
            "she",
            "should",
            "so",
            "some",
            "such",
            "than",
            "that",
            "the",
            "their",
            "theirs",
            "them",
            "then",
            "there",
            "these",
            "they",
            "this",
            "those",
            "through",
            "to",
            "too",
            "under",
            "until",
            "up",
            "upon",
            "us",
            "use",
            "used",
            "uses",
            "using",
            "via",
            "very",
            "was",
            "we",
            "were",
            "what",
            "when",
            "where",
            "which",
            "while",
            "who",
            "whom",
            "why",
            "will",
            "with",
            "within",
            "would",
            "you",
            "your",
            "adversary",
            "adversaries",
            "attacker",
            "attackers",
            "threat",
            "actor",
            "actors",
            "malware",
            "variant",
            "variants",
            "capability",
            "ability",
            "able",
            "utilized",
            "utilize",
            "leveraged",
            "leverage",
            "employed",
            "observed",
            "reportedly",
            "known",
            "including",
            "include",
            "includes",
            "e",
            "g",
            "i",
            "ie",
            "eg");

    /**
     * A search term and the lowercase word (or camelCase part) it came from.
     *
     * @param stem the term as indexed
     * @param word the word as written, lowercased
     */
    public record Term(String stem, String word) {}

    /** The terms of {@code text} in order, duplicates kept. */
    public List<String> terms(String text) {
        return analyze(text).stream().map(Term::stem).toList();
    }

    /** Like {@link #terms(String)}, with the word each term came from. */
    public List<Term> analyze(String text) {
        List<Term> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        int length = text.length();
        int i = 0;
        while (i < length) {
            while (i < length && !Character.isLetterOrDigit(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < length && Character.isLetterOrDigit(text.charAt(i))) {
                i++;
            }
            if (i > start) {
                addWord(text.substring(start, i), out);
            }
        }
        return out;
    }

    private static void addWord(String word, List<Term> out) {
        addTerm(word.toLowerCase(Locale.ROOT), out);
        int partStart = 0;
        boolean split = false;
        for (int j = 1; j < word.length(); j++) {
            char previous = word.charAt(j - 1);
            char current = word.charAt(j);
            boolean boundary = (Character.isLowerCase(previous) && Character.isUpperCase(current))
                    || (Character.isUpperCase(previous)
                            && Character.isUpperCase(current)
                            && j + 1 < word.length()
                            && Character.isLowerCase(word.charAt(j + 1)))
                    || (Character.isLetter(previous) && Character.isDigit(current))
                    || (Character.isDigit(previous) && Character.isLetter(current));
            if (boundary) {
                addTerm(word.substring(partStart, j).toLowerCase(Locale.ROOT), out);
                partStart = j;
                split = true;
            }
        }
        if (split) {
            addTerm(word.substring(partStart).toLowerCase(Locale.ROOT), out);
        }
    }

    private static void addTerm(String lower, List<Term> out) {
        if (lower.length() < 2 || lower.length() > 40 || STOPWORDS.contains(lower)) {
            return;
        }
        String stem = stem(lower);
        if (stem.length() >= 2 && !STOPWORDS.contains(stem)) {
            out.add(new Term(stem, lower));
        }
    }

    /** The light stemmer: plural and -ing/-ed endings. Words of digits are left alone. */
    static String stem(String word) {
        if (word.length() <= 3 || Character.isDigit(word.charAt(word.length() - 1))) {
            return word;
        }
        String w = word;
        if (w.endsWith("ies") && w.length() > 4) {
            w = w.substring(0, w.length() - 3) + "y";
        } else if (w.endsWith("sses")) {
            w = w.substring(0, w.length() - 2);
        } else if (w.endsWith("xes") || w.endsWith("ches") || w.endsWith("shes")) {
            w = w.substring(0, w.length() - 2);
        } else if (w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) {
            w = w.substring(0, w.length() - 1);
        }
        if (w.endsWith("ing") && w.length() > 5) {
            w = undouble(w.substring(0, w.length() - 3));
        } else if (w.endsWith("ed") && w.length() > 4) {
            w = undouble(w.substring(0, w.length() - 2));
        }
        if (w.endsWith("e") && w.length() > 4) {
            w = w.substring(0, w.length() - 1);
        }
        return w;
    }

    private static String undouble(String w) {
        int n = w.length();
        if (n > 3 && w.charAt(n - 1) == w.charAt(n - 2) && "bdfgmnprt".indexOf(w.charAt(n - 1)) >= 0) {
            return w.substring(0, n - 1);
        }
        return w;
    }
}
