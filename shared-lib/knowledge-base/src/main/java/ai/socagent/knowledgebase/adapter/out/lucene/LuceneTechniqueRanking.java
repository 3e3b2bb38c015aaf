package ai.socagent.knowledgebase.adapter.out.lucene;

import ai.socagent.knowledgebase.KnowledgeBaseException;
import ai.socagent.knowledgebase.attack.ProcedureExample;
import ai.socagent.knowledgebase.ranking.Bm25;
import ai.socagent.knowledgebase.ranking.RankingCorpus;
import ai.socagent.knowledgebase.ranking.RankingQuery;
import ai.socagent.knowledgebase.ranking.TechniqueRanker;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

/**
 * The technique ranking on the embedded index: one Lucene document per ranking document of the
 * {@link RankingCorpus} (pre-analysed terms in a whitespace-tokenised field that keeps term
 * frequencies, exact lengths and ordinals in doc values, the procedure example stored), scored
 * term at a time from the postings with {@link Bm25} (exact lengths; Lucene's own similarity would
 * round them to one byte). The per-document arrays are built once per index version.
 */
final class LuceneTechniqueRanking {

    static final String RANK_TECHNIQUE = "rank-technique";
    static final String RANK_PROCEDURE = "rank-procedure";
    /** The pre-analysed fields, tokenised on whitespace (LuceneKnowledgeBase's per-field analyzer). */
    static final String TECHNIQUE_TERMS = "rank_technique_terms";

    static final String PROCEDURE_TERMS = "rank_procedure_terms";
    private static final String TECHNIQUE_ORDINAL = "rank_technique_ordinal";
    private static final String PROCEDURE_ORDINAL = "rank_procedure_ordinal";
    private static final String LENGTH = "rank_length";
    private static final String TECHNIQUE_ID = "rank_technique_id";
    private static final String BY = "rank_by";
    private static final String TEXT = "rank_text";

    /** Term frequencies are all the ranking reads: no positions, no norms (lengths are doc values). */
    private static final FieldType TERMS_TYPE = new FieldType();

    static {
        TERMS_TYPE.setIndexOptions(IndexOptions.DOCS_AND_FREQS);
        TERMS_TYPE.setTokenized(true);
        TERMS_TYPE.setOmitNorms(true);
        TERMS_TYPE.freeze();
    }

    /** Postings entries kept per index of one version (about 12 bytes each). */
    static final long POSTINGS_KEPT = 2_000_000;

    private volatile Snapshot snapshot;

    /**
     * Working arrays, reused from query to query: a query touches a few thousand of the 13,000
     * documents, and allocating and clearing arrays for all of them each time cost more than the
     * scoring. Pooled rather than per thread: deliveries run on virtual threads, one per delivery, so
     * a thread-local would allocate them for every query. The pool holds at most as many as ran at once.
     */
    private final Queue<Scratch> scratches = new ConcurrentLinkedQueue<>();

    private static final class Scratch {
        private final Side techniques = new Side();
        private final Side procedures = new Side();
    }

    /** Replaces the ranking documents with those of {@code corpus}; the caller commits. */
    static void index(IndexWriter writer, RankingCorpus corpus) throws IOException {
        writer.deleteDocuments(
                new Term(LuceneKnowledgeBase.KIND, RANK_TECHNIQUE), new Term(LuceneKnowledgeBase.KIND, RANK_PROCEDURE));
        for (RankingCorpus.TechniqueEntry entry : corpus.techniques()) {
            Document doc = new Document();
            doc.add(new StringField(LuceneKnowledgeBase.KIND, RANK_TECHNIQUE, Field.Store.NO));
            doc.add(new NumericDocValuesField(TECHNIQUE_ORDINAL, entry.ordinal()));
            doc.add(new NumericDocValuesField(LENGTH, entry.terms().size()));
            doc.add(new SortedDocValuesField(TECHNIQUE_ID, new BytesRef(entry.techniqueId())));
            doc.add(new Field(TECHNIQUE_TERMS, RankingCorpus.join(entry.terms()), TERMS_TYPE));
            writer.addDocument(doc);
        }
        for (RankingCorpus.ProcedureEntry entry : corpus.procedures()) {
            Document doc = new Document();
            doc.add(new StringField(LuceneKnowledgeBase.KIND, RANK_PROCEDURE, Field.Store.NO));
            doc.add(new NumericDocValuesField(PROCEDURE_ORDINAL, entry.ordinal()));
            doc.add(new NumericDocValuesField(LENGTH, entry.terms().size()));
            doc.add(new SortedDocValuesField(TECHNIQUE_ID, new BytesRef(entry.techniqueId())));
            doc.add(new StoredField(BY, entry.example().by()));
            doc.add(new StoredField(TEXT, entry.example().text()));
            doc.add(new Field(PROCEDURE_TERMS, RankingCorpus.join(entry.terms()), TERMS_TYPE));
            writer.addDocument(doc);
        }
        // Deleted documents would still count in the terms' document frequencies.
        writer.forceMergeDeletes(true);
    }

    /**
     * Ranks {@code query} with {@code rank} over what the two indexes match; the matches are valid
     * only inside {@code rank} (they live in this thread's working arrays, cleared afterwards).
     */
    <T> T rank(IndexReader reader, RankingQuery query, Function<TechniqueRanker.Matches, T> rank) throws IOException {
        Snapshot current = snapshot(reader);
        List<RankingQuery.Term> terms = query.terms();
        Scratch polled = scratches.poll();
        Scratch working = polled == null ? new Scratch() : polled;
        try {
            Side techniques = current.techniques.score(reader, TECHNIQUE_TERMS, terms, working.techniques);
            Side procedures = current.procedures.score(reader, PROCEDURE_TERMS, terms, working.procedures);
            return rank.apply(new LuceneMatches(current, terms, techniques, procedures, reader));
        } finally {
            working.techniques.clear();
            working.procedures.clear();
            scratches.offer(working);
        }
    }

    private Snapshot snapshot(IndexReader reader) throws IOException {
        IndexReader.CacheKey key = reader.getReaderCacheHelper().getKey();
        Snapshot current = snapshot;
        if (current != null && current.key == key) {
            return current;
        }
        synchronized (this) {
            current = snapshot;
            if (current == null || current.key != key) {
                current = Snapshot.build(reader, key);
                snapshot = current;
            }
            return current;
        }
    }

    /** The ranking documents of one kind in one index version: dense by ordinal. */
    private static final class Documents {
        private final int[][] denseByLeafDoc;
        private final int[] length;
        private final String[] techniqueId;
        private final int[] leaf;
        private final int[] doc;
        private final double[] lengthNorm;
        /**
         * Postings by stem, bounded by their total length: the stems of the index are a few thousand,
         * but a query's stems come from untrusted findings, and a stem not indexed is kept too.
         */
        private final Cache<String, Postings> postings = Caffeine.newBuilder()
                .maximumWeight(POSTINGS_KEPT)
                .weigher((String stem, Postings list) -> list.weight())
                .build();

        Documents(int[][] denseByLeafDoc, int[] length, String[] techniqueId, int[] leaf, int[] doc) {
            this.denseByLeafDoc = denseByLeafDoc;
            this.length = length;
            this.techniqueId = techniqueId;
            this.leaf = leaf;
            this.doc = doc;
            long total = 0;
            for (int l : length) {
                total += l;
            }
            double average = Bm25.averageLength(length.length, total);
            this.lengthNorm = new double[length.length];
            for (int d = 0; d < length.length; d++) {
                lengthNorm[d] = Bm25.lengthNorm(length[d], average);
            }
        }

        int size() {
            return length.length;
        }

        static Documents read(IndexReader reader, String ordinalField) throws IOException {
            List<LeafReaderContext> leaves = reader.leaves();
            int[][] dense = new int[leaves.size()][];
            int count = 0;
            for (LeafReaderContext context : leaves) {
                NumericDocValues ordinals = DocValues.getNumeric(context.reader(), ordinalField);
                Bits live = context.reader().getLiveDocs();
                while (ordinals.nextDoc() != DocIdSetIterator.NO_MORE_DOCS) {
                    if (live == null || live.get(ordinals.docID())) {
                        count = Math.max(count, (int) ordinals.longValue() + 1);
                    }
                }
            }
            int[] length = new int[count];
            String[] techniqueId = new String[count];
            int[] leafOf = new int[count];
            int[] docOf = new int[count];
            for (int l = 0; l < leaves.size(); l++) {
                LeafReader leaf = leaves.get(l).reader();
                dense[l] = new int[leaf.maxDoc()];
                Arrays.fill(dense[l], -1);
                NumericDocValues ordinals = DocValues.getNumeric(leaf, ordinalField);
                NumericDocValues lengths = DocValues.getNumeric(leaf, LENGTH);
                SortedDocValues ids = DocValues.getSorted(leaf, TECHNIQUE_ID);
                Bits live = leaf.getLiveDocs();
                for (int doc = ordinals.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = ordinals.nextDoc()) {
                    if (live != null && !live.get(doc)) {
                        continue;
                    }
                    int ordinal = (int) ordinals.longValue();
                    dense[l][doc] = ordinal;
                    length[ordinal] = lengths.advanceExact(doc) ? (int) lengths.longValue() : 0;
                    techniqueId[ordinal] = ids.advanceExact(doc)
                            ? ids.lookupOrd(ids.ordValue()).utf8ToString()
                            : "";
                    leafOf[ordinal] = l;
                    docOf[ordinal] = doc;
                }
            }
            return new Documents(dense, length, techniqueId, leafOf, docOf);
        }

        /** BM25 of every document for the query terms, term at a time, and which terms each matched. */
        Side score(IndexReader reader, String field, List<RankingQuery.Term> terms, Side side) {
            int n = size();
            side.prepare(n, terms.size());
            for (int i = 0; i < terms.size(); i++) {
                Postings list = postings.get(terms.get(i).stem(), stem -> Postings.read(reader, field, stem, this));
                side.postings[i] = list;
                side.documentFrequency[i] = list.documentFrequency;
                if (list.documentFrequency == 0) {
                    continue;
                }
                double weight =
                        Bm25.idf(n, list.documentFrequency) * terms.get(i).frequency();
                if (weight <= 0) {
                    continue; // adds nothing; and a zero score must keep meaning "not touched"
                }
                int[] ordinals = list.ordinals;
                int[] frequencies = list.frequencies;
                for (int j = 0; j < ordinals.length; j++) {
                    int d = ordinals[j];
                    // a BM25 term score is always positive: 0 means the document is not touched yet
                    if (side.scores[d] == 0) {
                        side.touched[side.touchedCount++] = d;
                    }
                    side.scores[d] += Bm25.score(weight, frequencies[j], lengthNorm[d]);
                }
            }
            return side;
        }
    }

    /**
     * One stem's postings in one index version, as dense ordinals (in the index's leaf and document
     * order, the order the scores add up in) with their term frequencies, and the ordinals sorted for
     * {@link #contains}. Read once from Lucene: seeking the terms dictionary and decoding postings
     * for every query was most of the ranking's time.
     */
    private record Postings(long documentFrequency, int[] ordinals, int[] frequencies, int[] sorted) {

        static final Postings NONE = new Postings(0, new int[0], new int[0], new int[0]);

        boolean contains(int ordinal) {
            return Arrays.binarySearch(sorted, ordinal) >= 0;
        }

        int weight() {
            return 1 + ordinals.length;
        }

        static Postings read(IndexReader reader, String field, String stem, Documents documents) {
            try {
                BytesRef bytes = new BytesRef(stem);
                long documentFrequency = 0;
                int[] ordinals = new int[16];
                int[] frequencies = new int[16];
                int count = 0;
                PostingsEnum postings = null;
                List<LeafReaderContext> leaves = reader.leaves();
                for (int l = 0; l < leaves.size(); l++) {
                    Terms indexed = leaves.get(l).reader().terms(field);
                    if (indexed == null) {
                        continue;
                    }
                    TermsEnum terms = indexed.iterator();
                    if (!terms.seekExact(bytes)) {
                        continue;
                    }
                    documentFrequency += terms.docFreq();
                    postings = terms.postings(postings, PostingsEnum.FREQS);
                    int[] dense = documents.denseByLeafDoc[l];
                    for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
                        int d = dense[doc];
                        if (d >= 0) {
                            if (count == ordinals.length) {
                                ordinals = Arrays.copyOf(ordinals, count * 2);
                                frequencies = Arrays.copyOf(frequencies, count * 2);
                            }
                            ordinals[count] = d;
                            frequencies[count++] = postings.freq();
                        }
                    }
                }
                if (documentFrequency == 0) {
                    return NONE;
                }
                int[] kept = Arrays.copyOf(ordinals, count);
                int[] sorted = kept.clone();
                Arrays.sort(sorted);
                return new Postings(documentFrequency, kept, Arrays.copyOf(frequencies, count), sorted);
            } catch (IOException e) {
                throw new KnowledgeBaseException("Cannot read the ranking index's postings of '" + stem + "'", e);
            }
        }
    }

    /**
     * The scores of one index for one query, and the postings of its terms (which terms each
     * document matched); reused by one thread, and only what a query touched is cleared after it.
     */
    private static final class Side {
        private double[] scores = new double[0];
        private long[] documentFrequency = new long[0];
        private Postings[] postings = new Postings[0];
        private int[] touched = new int[0];
        private int touchedCount;

        void prepare(int documents, int queryTerms) {
            if (scores.length != documents) {
                scores = new double[documents];
                touched = new int[documents];
            }
            documentFrequency = new long[queryTerms];
            postings = new Postings[queryTerms];
        }

        void clear() {
            for (int i = 0; i < touchedCount; i++) {
                scores[touched[i]] = 0;
            }
            touchedCount = 0;
        }

        /** The query terms the document contains, the last query term first. */
        Set<String> terms(int document, List<RankingQuery.Term> queryTerms) {
            Set<String> out = new LinkedHashSet<>();
            for (int i = queryTerms.size() - 1; i >= 0; i--) {
                if (postings[i] != null && postings[i].contains(document)) {
                    out.add(queryTerms.get(i).stem());
                }
            }
            return out;
        }
    }

    /**
     * The ranking documents of one index version; procedures know their technique's position, and
     * the examples read for evidence are kept (the same few lead for similar findings).
     */
    private record Snapshot(
            IndexReader.CacheKey key,
            Documents techniques,
            Documents procedures,
            Map<String, Integer> positions,
            int[] procedureTechnique,
            AtomicReferenceArray<ProcedureExample> examples) {

        ProcedureExample example(IndexReader reader, int procedure) {
            ProcedureExample example = examples.get(procedure);
            if (example == null) {
                try {
                    StoredFields stored = reader.leaves()
                            .get(procedures.leaf[procedure])
                            .reader()
                            .storedFields();
                    Document doc = stored.document(procedures.doc[procedure], Set.of(BY, TEXT));
                    example = new ProcedureExample(doc.get(BY), doc.get(TEXT));
                } catch (IOException e) {
                    throw new KnowledgeBaseException("Cannot read the procedure examples", e);
                }
                examples.set(procedure, example);
            }
            return example;
        }

        static Snapshot build(IndexReader reader, IndexReader.CacheKey key) throws IOException {
            Documents techniques = Documents.read(reader, TECHNIQUE_ORDINAL);
            Map<String, Integer> positions = new HashMap<>();
            for (int t = 0; t < techniques.size(); t++) {
                positions.put(techniques.techniqueId[t], t);
            }
            Documents procedures = Documents.read(reader, PROCEDURE_ORDINAL);
            int[] procedureTechnique = new int[procedures.size()];
            for (int p = 0; p < procedures.size(); p++) {
                Integer t = positions.get(procedures.techniqueId[p]);
                if (t == null) {
                    throw new KnowledgeBaseException("The ranking index has a procedure example of "
                            + procedures.techniqueId[p] + " but no document of that technique");
                }
                procedureTechnique[p] = t;
            }
            return new Snapshot(
                    key,
                    techniques,
                    procedures,
                    positions,
                    procedureTechnique,
                    new AtomicReferenceArray<>(procedures.size()));
        }
    }

    private static final class LuceneMatches implements TechniqueRanker.Matches {
        private final Snapshot snapshot;
        private final List<RankingQuery.Term> terms;
        private final Side techniques;
        private final Side procedures;
        private final IndexReader reader;
        private final double[] procedureScores;
        private final int[] bestProcedure;
        private final double[] rarity;

        LuceneMatches(
                Snapshot snapshot,
                List<RankingQuery.Term> terms,
                Side techniques,
                Side procedures,
                IndexReader reader) {
            this.snapshot = snapshot;
            this.terms = terms;
            this.techniques = techniques;
            this.procedures = procedures;
            this.reader = reader;
            int size = snapshot.techniques.size();
            this.procedureScores = new double[size];
            this.bestProcedure = new int[size];
            Arrays.fill(bestProcedure, -1);
            // The best example of each technique; the first in the extract's order on a tie.
            int[] techniqueOf = snapshot.procedureTechnique;
            for (int i = 0; i < procedures.touchedCount; i++) {
                int p = procedures.touched[i];
                double score = procedures.scores[p];
                int t = techniqueOf[p];
                if (score > procedureScores[t] || (score == procedureScores[t] && score > 0 && p < bestProcedure[t])) {
                    procedureScores[t] = score;
                    bestProcedure[t] = p;
                }
            }
            this.rarity = new double[terms.size()];
            for (int i = 0; i < terms.size(); i++) {
                rarity[i] = Math.max(
                        Bm25.idf(snapshot.techniques.size(), techniques.documentFrequency[i]),
                        Bm25.idf(snapshot.procedures.size(), procedures.documentFrequency[i]));
            }
        }

        @Override
        public int size() {
            return snapshot.techniques.size();
        }

        @Override
        public String techniqueId(int technique) {
            return snapshot.techniques.techniqueId[technique];
        }

        @Override
        public int indexOf(String techniqueId) {
            return snapshot.positions.getOrDefault(techniqueId, -1);
        }

        @Override
        public double techniqueScore(int technique) {
            return techniques.scores[technique];
        }

        @Override
        public double procedureScore(int technique) {
            return procedureScores[technique];
        }

        @Override
        public Set<String> techniqueTerms(int technique) {
            return techniques.terms(technique, terms);
        }

        @Override
        public Set<String> procedureTerms(int technique) {
            int p = bestProcedure[technique];
            return p < 0 ? Set.of() : procedures.terms(p, terms);
        }

        @Override
        public double rarity(String stem) {
            for (int i = 0; i < terms.size(); i++) {
                if (terms.get(i).stem().equals(stem)) {
                    return rarity[i];
                }
            }
            return 0.0;
        }

        @Override
        public Map<Integer, ProcedureExample> procedures(List<Integer> techniques) {
            Map<Integer, ProcedureExample> out = new HashMap<>();
            for (int t : techniques) {
                int p = bestProcedure[t];
                if (p >= 0) {
                    out.put(t, snapshot.example(reader, p));
                }
            }
            return out;
        }
    }
}
