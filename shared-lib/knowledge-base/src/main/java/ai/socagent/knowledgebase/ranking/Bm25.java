package ai.socagent.knowledgebase.ranking;

/**
 * Okapi BM25 as the technique ranking scores it (k1 1.2, b 0.75), written once for both adapters.
 * Document lengths are exact: Lucene's own {@code BM25Similarity} keeps them in one byte (four
 * significant bits), and on ATT&CK's long technique documents that rounding alone costs the
 * held-out evaluation about 0.1 point (bench/eval/README.md). The adapters therefore read term
 * frequencies from their index and score here, in double precision, in query-term order.
 */
public final class Bm25 {

    public static final double K1 = 1.2;
    public static final double B = 0.75;

    private Bm25() {}

    /** Inverse document frequency; 0 for a term no document contains. */
    public static double idf(long documents, long documentFrequency) {
        if (documentFrequency <= 0) {
            return 0.0;
        }
        return Math.log(1.0 + (documents - documentFrequency + 0.5) / (documentFrequency + 0.5));
    }

    /** The average document length, at least 1. */
    public static double averageLength(long documents, long totalLength) {
        return documents == 0 ? 1.0 : Math.max(1.0, (double) totalLength / documents);
    }

    /** The length part of the denominator: {@code k1 (1 - b + b dl / avgdl)}. */
    public static double lengthNorm(int length, double averageLength) {
        return K1 * (1.0 - B + B * length / averageLength);
    }

    /**
     * One query term's contribution to a document's score.
     *
     * @param weight the term's idf times its frequency in the query
     * @param termFrequency occurrences of the term in the document
     * @param lengthNorm the document's {@link #lengthNorm}
     */
    public static double score(double weight, int termFrequency, double lengthNorm) {
        double tf = termFrequency;
        return weight * tf * (K1 + 1.0) / (tf + lengthNorm);
    }
}
