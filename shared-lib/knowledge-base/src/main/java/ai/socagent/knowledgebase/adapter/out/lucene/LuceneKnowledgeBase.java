package ai.socagent.knowledgebase.adapter.out.lucene;

import ai.socagent.domain.indicator.Indicator;
import ai.socagent.domain.indicator.IndicatorType;
import ai.socagent.domain.indicator.Reputation;
import ai.socagent.knowledgebase.AttackObject;
import ai.socagent.knowledgebase.IntelIndicator;
import ai.socagent.knowledgebase.KnowledgeBase;
import ai.socagent.knowledgebase.KnowledgeBaseException;
import ai.socagent.knowledgebase.TechniqueDocument;
import ai.socagent.knowledgebase.TechniqueMatch;
import ai.socagent.knowledgebase.analysis.TextAnalyzer;
import ai.socagent.knowledgebase.attack.AttackKnowledge;
import ai.socagent.knowledgebase.ranking.RankingCorpus;
import ai.socagent.knowledgebase.ranking.RankingQuery;
import ai.socagent.knowledgebase.ranking.TechniqueRanker;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * The knowledge base on an embedded Apache Lucene index, for the standalone mode: in memory
 * ({@link #inMemory()}) or persisted in a directory ({@link #open(Path)}).
 *
 * <p>Mirrors the OpenSearch mappings: ids, values and types are exact (untokenised) terms,
 * names and descriptions are analysed with the {@link StandardAnalyzer} (the same as
 * OpenSearch's {@code standard} analyzer: lowercased words, no stop words, no stemming), and
 * full-text search is a dis-max over {@code name^2} and {@code description} like a {@code
 * multi_match} of type {@code best_fields}. Every write commits and refreshes before returning.
 *
 * <p>Techniques, ATT&CK objects, indicators, the technique ranking's documents ({@link
 * LuceneTechniqueRanking}) and a meta document (the indexed ATT&CK release and version) share one
 * index, told apart by a {@code kind} term. ATT&CK objects use fields of their own ({@code
 * object_name}, ...) so that the term statistics that BM25 scores technique searches with are
 * those of the techniques alone, as in OpenSearch's separate indices; their relation lookups sort
 * by score and then by id (a doc-values field), like OpenSearch's {@code _score, id} sort.
 */
public final class LuceneKnowledgeBase implements KnowledgeBase {

    static final String KIND = "kind";
    static final String KEY = "key";
    private static final String TECHNIQUE = "technique";
    private static final String INDICATOR = "indicator";
    private static final String ATTACK_OBJECT = "attack-object";
    private static final String META = "meta";
    private static final String ATTACK_RELEASE_KEY = META + ":attack-release";
    private static final String ATTACK_RELEASE_FIELD = "attack_release";
    private static final String ATTACK_VERSION_FIELD = "attack_version";
    /**
     * What an index holds for an extract: 2 since the technique ranking's documents. An index of an
     * older layout reports no version, so the extract is indexed again.
     */
    private static final String LAYOUT_FIELD = "index_layout";

    private static final String LAYOUT = "2";
    private static final String OBJECT_ID_SORT = "object_id_sort";
    private static final float NAME_BOOST = 2.0f;

    private final Directory directory;
    private final Analyzer analyzer = new StandardAnalyzer();
    private final TextAnalyzer rankingAnalyzer = new TextAnalyzer();
    private final LuceneTechniqueRanking ranking = new LuceneTechniqueRanking();
    private final TechniqueRanker ranker = new TechniqueRanker(this::findTechniques);
    private final IndexWriter writer;
    private final SearcherManager searchers;

    private LuceneKnowledgeBase(Directory directory) throws IOException {
        this.directory = directory;
        // The ranking's fields hold terms TextAnalyzer produced already: split them on whitespace only.
        Analyzer indexing = new PerFieldAnalyzerWrapper(
                analyzer,
                Map.of(
                        LuceneTechniqueRanking.TECHNIQUE_TERMS, new WhitespaceAnalyzer(),
                        LuceneTechniqueRanking.PROCEDURE_TERMS, new WhitespaceAnalyzer()));
        this.writer = new IndexWriter(
                directory, new IndexWriterConfig(indexing).setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND));
        this.writer.commit();
        this.searchers = new SearcherManager(writer, null);
    }

    /** An empty index held in memory. */
    public static LuceneKnowledgeBase inMemory() {
        try {
            return new LuceneKnowledgeBase(new ByteBuffersDirectory());
        } catch (IOException e) {
            throw new KnowledgeBaseException("Cannot create the in-memory index", e);
        }
    }

    /** The index stored in {@code path}, created when absent; its contents survive {@link #close()}. */
    public static LuceneKnowledgeBase open(Path path) {
        try {
            return new LuceneKnowledgeBase(FSDirectory.open(path));
        } catch (IOException e) {
            throw new KnowledgeBaseException("Cannot open the index at " + path, e);
        }
    }

    @Override
    public void indexTechniques(Collection<TechniqueDocument> techniques) {
        write(() -> {
            for (TechniqueDocument technique : techniques) {
                updateTechnique(technique);
            }
        });
    }

    private void updateTechnique(TechniqueDocument technique) throws IOException {
        Document doc = new Document();
        String key = TECHNIQUE + ":" + technique.id();
        doc.add(new StringField(KEY, key, Field.Store.NO));
        doc.add(new StringField(KIND, TECHNIQUE, Field.Store.NO));
        doc.add(new StringField("id", technique.id(), Field.Store.YES));
        doc.add(new TextField("name", technique.name(), Field.Store.YES));
        doc.add(new TextField("description", technique.description(), Field.Store.YES));
        technique.tactics().forEach(t -> doc.add(new StringField("tactics", t, Field.Store.YES)));
        technique.platforms().forEach(p -> doc.add(new StringField("platforms", p, Field.Store.YES)));
        writer.updateDocument(new Term(KEY, key), doc);
    }

    @Override
    public void indexAttackObjects(Collection<AttackObject> objects) {
        write(() -> {
            for (AttackObject object : objects) {
                writer.updateDocument(new Term(KEY, ATTACK_OBJECT + ":" + object.id()), toDocument(object));
            }
        });
    }

    @Override
    public void indexAttack(AttackKnowledge attack) {
        // One commit for the whole extract (and its release), so that a crash leaves either all or nothing.
        write(() -> {
            for (TechniqueDocument technique : TechniqueDocument.allOf(attack)) {
                updateTechnique(technique);
            }
            for (AttackObject object : AttackObject.allOf(attack)) {
                writer.updateDocument(new Term(KEY, ATTACK_OBJECT + ":" + object.id()), toDocument(object));
            }
            LuceneTechniqueRanking.index(writer, RankingCorpus.of(attack));
            Document doc = new Document();
            doc.add(new StringField(KEY, ATTACK_RELEASE_KEY, Field.Store.NO));
            doc.add(new StringField(KIND, META, Field.Store.NO));
            doc.add(new StoredField(ATTACK_RELEASE_FIELD, attack.source()));
            doc.add(new StoredField(ATTACK_VERSION_FIELD, attack.version()));
            doc.add(new StoredField(LAYOUT_FIELD, LAYOUT));
            writer.updateDocument(new Term(KEY, ATTACK_RELEASE_KEY), doc);
        });
    }

    @Override
    public Optional<String> attackRelease() {
        return attackMeta(ATTACK_RELEASE_FIELD);
    }

    @Override
    public Optional<String> attackVersion() {
        return attackMeta(LAYOUT_FIELD).filter(LAYOUT::equals).flatMap(layout -> attackMeta(ATTACK_VERSION_FIELD));
    }

    private Optional<String> attackMeta(String field) {
        return search(new TermQuery(new Term(KEY, ATTACK_RELEASE_KEY)), 1).stream()
                .findFirst()
                .map(doc -> doc.get(field));
    }

    @Override
    public void indexIndicators(Collection<IntelIndicator> indicators) {
        write(() -> {
            for (IntelIndicator intel : indicators) {
                Document doc = new Document();
                String key = key(intel.indicator());
                doc.add(new StringField(KEY, key, Field.Store.NO));
                doc.add(new StringField(KIND, INDICATOR, Field.Store.NO));
                doc.add(new StringField("type", intel.indicator().type().name(), Field.Store.YES));
                doc.add(new StringField("value", intel.indicator().value(), Field.Store.YES));
                doc.add(new StringField("reputation", intel.reputation().name(), Field.Store.YES));
                doc.add(new StoredField("confidence", intel.confidence()));
                doc.add(new StringField("source", intel.source(), Field.Store.YES));
                intel.labels().forEach(l -> doc.add(new StringField("labels", l, Field.Store.YES)));
                if (intel.firstSeen() != null) {
                    doc.add(new StoredField("first_seen", intel.firstSeen().toString()));
                }
                if (intel.lastSeen() != null) {
                    doc.add(new StoredField("last_seen", intel.lastSeen().toString()));
                }
                intel.techniqueIds().forEach(t -> doc.add(new StringField("technique_ids", t, Field.Store.YES)));
                writer.updateDocument(new Term(KEY, key), doc);
            }
        });
    }

    @Override
    public Optional<IntelIndicator> findIndicator(Indicator indicator) {
        return search(new TermQuery(new Term(KEY, key(indicator))), 1).stream()
                .findFirst()
                .map(LuceneKnowledgeBase::toIndicator);
    }

    @Override
    public List<IntelIndicator> indicatorsForTechnique(String techniqueId, int limit) {
        Query query = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(KIND, INDICATOR)), Occur.FILTER)
                .add(new TermQuery(new Term("technique_ids", TechniqueDocument.normalizeId(techniqueId))), Occur.FILTER)
                .build();
        return search(query, limit).stream()
                .map(LuceneKnowledgeBase::toIndicator)
                .toList();
    }

    @Override
    public Optional<TechniqueDocument> findTechnique(String id) {
        String key = TECHNIQUE + ":" + TechniqueDocument.normalizeId(id);
        return search(new TermQuery(new Term(KEY, key)), 1).stream().findFirst().map(LuceneKnowledgeBase::toTechnique);
    }

    @Override
    public List<TechniqueDocument> searchTechniques(String text, int limit) {
        List<String> tokens = tokens(text);
        if (tokens.isEmpty() || limit <= 0) {
            return List.of();
        }
        Query match = new DisjunctionMaxQuery(
                List.of(new BoostQuery(anyTerm("name", tokens), NAME_BOOST), anyTerm("description", tokens)), 0.0f);
        Query query = new BooleanQuery.Builder()
                .add(match, Occur.MUST)
                .add(new TermQuery(new Term(KIND, TECHNIQUE)), Occur.FILTER)
                .build();
        return search(query, limit).stream()
                .map(LuceneKnowledgeBase::toTechnique)
                .toList();
    }

    @Override
    public List<TechniqueMatch> rankTechniques(String text, int limit) {
        RankingQuery query = RankingQuery.of(text, rankingAnalyzer);
        if (query.isEmpty() || limit <= 0) {
            return List.of();
        }
        return withReader(reader -> ranking.rank(reader, query, matches -> ranker.best(query, matches, limit)));
    }

    @Override
    public List<TechniqueMatch> rankTechniques(String text, List<String> techniqueIds) {
        RankingQuery query = RankingQuery.of(text, rankingAnalyzer);
        if (query.isEmpty() || techniqueIds.isEmpty()) {
            return List.of();
        }
        return withReader(
                reader -> ranking.rank(reader, query, matches -> ranker.supportFor(query, matches, techniqueIds)));
    }

    private Map<String, TechniqueDocument> findTechniques(Collection<String> ids) {
        Map<String, TechniqueDocument> found = new HashMap<>();
        for (String id : ids) {
            findTechnique(id).ifPresent(technique -> found.put(technique.id(), technique));
        }
        return found;
    }

    private interface ReaderCall<T> {
        T apply(IndexReader reader) throws IOException;
    }

    private <T> T withReader(ReaderCall<T> call) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return call.apply(searcher.getIndexReader());
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new KnowledgeBaseException("Technique ranking failed", e);
        }
    }

    @Override
    public Optional<AttackObject> findAttackObject(String id) {
        String key = ATTACK_OBJECT + ":" + AttackObject.normalizeId(id);
        return search(new TermQuery(new Term(KEY, key)), 1).stream()
                .findFirst()
                .map(LuceneKnowledgeBase::toAttackObject);
    }

    @Override
    public List<AttackObject> searchAttackObjects(String text, Set<AttackObject.Type> types, int limit) {
        List<String> tokens = tokens(text);
        if (tokens.isEmpty() || limit <= 0) {
            return List.of();
        }
        Query match = new DisjunctionMaxQuery(
                List.of(
                        new BoostQuery(anyTerm("object_name", tokens), NAME_BOOST),
                        new BoostQuery(anyTerm("object_aliases", tokens), NAME_BOOST),
                        anyTerm("object_description", tokens)),
                0.0f);
        BooleanQuery.Builder query = new BooleanQuery.Builder()
                .add(match, Occur.MUST)
                .add(new TermQuery(new Term(KIND, ATTACK_OBJECT)), Occur.FILTER);
        typeFilter(types).ifPresent(filter -> query.add(filter, Occur.FILTER));
        return search(query.build(), limit).stream()
                .map(LuceneKnowledgeBase::toAttackObject)
                .toList();
    }

    @Override
    public List<AttackObject> relatedToTechniques(
            Collection<String> techniqueIds, Set<AttackObject.Type> types, int limit) {
        List<String> ids = techniqueIds.stream()
                .map(TechniqueDocument::normalizeId)
                .distinct()
                .toList();
        if (ids.isEmpty() || limit <= 0) {
            return List.of();
        }
        // One point per technique the object relates to; ties by id, like OpenSearch's sort.
        BooleanQuery.Builder anyTechnique = new BooleanQuery.Builder();
        ids.forEach(id -> anyTechnique.add(
                new ConstantScoreQuery(new TermQuery(new Term("object_technique_ids", id))), Occur.SHOULD));
        BooleanQuery.Builder query = new BooleanQuery.Builder()
                .add(anyTechnique.build(), Occur.MUST)
                .add(new TermQuery(new Term(KIND, ATTACK_OBJECT)), Occur.FILTER);
        typeFilter(types).ifPresent(filter -> query.add(filter, Occur.FILTER));
        Sort byScoreThenId = new Sort(SortField.FIELD_SCORE, new SortField(OBJECT_ID_SORT, SortField.Type.STRING));
        return search(query.build(), limit, byScoreThenId).stream()
                .map(LuceneKnowledgeBase::toAttackObject)
                .toList();
    }

    @Override
    public void close() {
        try {
            searchers.close();
            writer.close();
            directory.close();
        } catch (IOException e) {
            throw new KnowledgeBaseException("Cannot close the index", e);
        }
    }

    private static Query anyTerm(String field, List<String> tokens) {
        BooleanQuery.Builder builder = new BooleanQuery.Builder();
        tokens.forEach(token -> builder.add(new TermQuery(new Term(field, token)), Occur.SHOULD));
        return builder.build();
    }

    private List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream("description", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                tokens.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new KnowledgeBaseException("Cannot analyse the query text", e);
        }
        return tokens;
    }

    private static Optional<Query> typeFilter(Set<AttackObject.Type> types) {
        if (types.isEmpty() || types.size() == AttackObject.Type.values().length) {
            return Optional.empty();
        }
        BooleanQuery.Builder anyType = new BooleanQuery.Builder();
        types.forEach(type -> anyType.add(new TermQuery(new Term("object_type", type.name())), Occur.SHOULD));
        return Optional.of(anyType.build());
    }

    private static Document toDocument(AttackObject object) {
        Document doc = new Document();
        doc.add(new StringField(KEY, ATTACK_OBJECT + ":" + object.id(), Field.Store.NO));
        doc.add(new StringField(KIND, ATTACK_OBJECT, Field.Store.NO));
        doc.add(new StringField("id", object.id(), Field.Store.YES));
        doc.add(new SortedDocValuesField(OBJECT_ID_SORT, new BytesRef(object.id())));
        doc.add(new StringField("object_type", object.type().name(), Field.Store.YES));
        doc.add(new TextField("object_name", object.name(), Field.Store.YES));
        object.aliases().forEach(a -> doc.add(new TextField("object_aliases", a, Field.Store.YES)));
        doc.add(new TextField("object_description", object.description(), Field.Store.YES));
        object.techniqueIds().forEach(t -> doc.add(new StringField("object_technique_ids", t, Field.Store.YES)));
        return doc;
    }

    private static AttackObject toAttackObject(Document doc) {
        return new AttackObject(
                doc.get("id"),
                AttackObject.Type.valueOf(doc.get("object_type")),
                doc.get("object_name"),
                Arrays.asList(doc.getValues("object_aliases")),
                doc.get("object_description"),
                Arrays.asList(doc.getValues("object_technique_ids")));
    }

    private List<Document> search(Query query, int limit) {
        return search(query, limit, null);
    }

    private List<Document> search(Query query, int limit, Sort sort) {
        if (limit <= 0) {
            return List.of();
        }
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                List<Document> documents = new ArrayList<>();
                TopDocs top = sort == null ? searcher.search(query, limit) : searcher.search(query, limit, sort);
                for (ScoreDoc hit : top.scoreDocs) {
                    documents.add(searcher.storedFields().document(hit.doc));
                }
                return documents;
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new KnowledgeBaseException("Search failed: " + query, e);
        }
    }

    private interface Write {
        void run() throws IOException;
    }

    private void write(Write write) {
        try {
            write.run();
            writer.commit();
            searchers.maybeRefreshBlocking();
            ranker.forget();
        } catch (IOException e) {
            throw new KnowledgeBaseException("Indexing failed", e);
        }
    }

    private static String key(Indicator indicator) {
        return INDICATOR + ":" + indicator.type().name() + ":" + indicator.value();
    }

    private static TechniqueDocument toTechnique(Document doc) {
        return new TechniqueDocument(
                doc.get("id"),
                doc.get("name"),
                Arrays.asList(doc.getValues("tactics")),
                doc.get("description"),
                Arrays.asList(doc.getValues("platforms")));
    }

    private static IntelIndicator toIndicator(Document doc) {
        String firstSeen = doc.get("first_seen");
        String lastSeen = doc.get("last_seen");
        return new IntelIndicator(
                Indicator.of(IndicatorType.valueOf(doc.get("type")), doc.get("value")),
                Reputation.valueOf(doc.get("reputation")),
                doc.getField("confidence").numericValue().doubleValue(),
                doc.get("source"),
                Arrays.asList(doc.getValues("labels")),
                firstSeen == null ? null : Instant.parse(firstSeen),
                lastSeen == null ? null : Instant.parse(lastSeen),
                Arrays.asList(doc.getValues("technique_ids")));
    }
}
