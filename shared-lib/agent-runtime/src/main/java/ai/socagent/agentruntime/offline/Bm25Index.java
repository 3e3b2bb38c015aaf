package ai.socagent.agentruntime.offline;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** An immutable Okapi BM25 index over documents given as term lists; scores accumulate into arrays. */
final class Bm25Index {

    private final double k1;
    private final double b;
    private final Map<String, Integer> termIds = new HashMap<>();
    private final int[][] postingDocs;
    private final int[][] postingFreqs;
    private final double[] idf;
    private final int[] docLengths;
    private final double averageLength;
    private final double[] lengthNorms;

    Bm25Index(List<List<String>> documents, double k1, double b) {
        this.k1 = k1;
        this.b = b;
        int n = documents.size();
        docLengths = new int[n];
        Map<Integer, Map<Integer, Integer>> postings = new HashMap<>();
        long total = 0;
        for (int doc = 0; doc < n; doc++) {
            List<String> terms = documents.get(doc);
            docLengths[doc] = terms.size();
            total += terms.size();
            for (String term : terms) {
                int id = termIds.computeIfAbsent(term, t -> termIds.size());
                postings.computeIfAbsent(id, k -> new HashMap<>()).merge(doc, 1, Integer::sum);
            }
        }
        averageLength = n == 0 ? 1.0 : Math.max(1.0, (double) total / n);
        lengthNorms = new double[n];
        for (int doc = 0; doc < n; doc++) {
            lengthNorms[doc] = k1 * (1.0 - b + b * docLengths[doc] / averageLength);
        }
        int terms = termIds.size();
        postingDocs = new int[terms][];
        postingFreqs = new int[terms][];
        idf = new double[terms];
        for (int id = 0; id < terms; id++) {
            Map<Integer, Integer> byDoc = postings.get(id);
            int[] docs =
                    byDoc.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
            int[] freqs = new int[docs.length];
            for (int i = 0; i < docs.length; i++) {
                freqs[i] = byDoc.get(docs[i]);
            }
            postingDocs[id] = docs;
            postingFreqs[id] = freqs;
            idf[id] = Math.log(1.0 + (n - docs.length + 0.5) / (docs.length + 0.5));
        }
    }

    int size() {
        return docLengths.length;
    }

    /** Adds {@code weight} times each query term's BM25 contribution to {@code scores[doc]}. */
    void score(Map<String, Integer> queryTerms, double[] scores) {
        for (Map.Entry<String, Integer> entry : queryTerms.entrySet()) {
            Integer id = termIds.get(entry.getKey());
            if (id == null) {
                continue;
            }
            double weight = idf[id] * entry.getValue();
            int[] docs = postingDocs[id];
            int[] freqs = postingFreqs[id];
            for (int i = 0; i < docs.length; i++) {
                double tf = freqs[i];
                scores[docs[i]] += weight * tf * (k1 + 1.0) / (tf + lengthNorms[docs[i]]);
            }
        }
    }

    /** Inverse document frequency of a term, 0 for a term no document contains. */
    double idf(String term) {
        Integer id = termIds.get(term);
        return id == null ? 0.0 : idf[id];
    }
}
