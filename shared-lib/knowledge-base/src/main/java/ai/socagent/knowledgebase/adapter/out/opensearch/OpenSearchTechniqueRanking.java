package ai.socagent.knowledgebase.adapter.out.opensearch;

import ai.socagent.knowledgebase.KnowledgeBaseException;
import ai.socagent.knowledgebase.attack.AttackKnowledge;
import ai.socagent.knowledgebase.attack.ProcedureExample;
import ai.socagent.knowledgebase.ranking.Bm25;
import ai.socagent.knowledgebase.ranking.RankingCorpus;
import ai.socagent.knowledgebase.ranking.RankingQuery;
import ai.socagent.knowledgebase.ranking.TechniqueRanker;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.TermStatistics;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.SmallFloat;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch._types.Refresh;
import org.opensearch.client.opensearch._types.mapping.DynamicMapping;
import org.opensearch.client.opensearch._types.mapping.IndexOptions;
import org.opensearch.client.opensearch._types.mapping.Property;
import org.opensearch.client.opensearch._types.mapping.TypeMapping;
import org.opensearch.client.opensearch.core.BulkResponse;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;
import org.opensearch.client.opensearch.core.bulk.BulkResponseItem;
import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The technique ranking on OpenSearch: the ranking documents of the {@link RankingCorpus} in one
 * single-shard index per ATT&CK extract ({@code <prefix>-ranking-<content digest>}, reached through
 * the alias {@code <prefix>-ranking}, swapped when a new extract is complete), pre-analysed terms in
 * {@code whitespace}-analysed fields that keep term frequencies.
 *
 * <p>A query is two searches, one per kind of document: a {@code bool} of one named {@code term}
 * clause per query term (boost = the term's frequency in the query), the procedure search collapsed
 * on the technique id (its best example per technique, no script needed), each with a {@code
 * filter} aggregation per term for its document frequency. OpenSearch scores with Lucene's
 * BM25, which keeps document lengths in one byte; the ranking must not lose that precision
 * ({@link Bm25}), so it asks for each named clause's score ({@code include_named_queries_score}),
 * recovers the term frequency from it with Lucene's own {@link BM25Similarity} (which OpenSearch
 * runs) and the exact length (a doc-values field), and scores the document again exactly. The
 * procedure that represents a technique is OpenSearch's choice: exact unless two of its examples
 * longer than 40 terms come within the length rounding of each other.
 */
final class OpenSearchTechniqueRanking {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String KIND = "kind";
    private static final String TECHNIQUE = "technique";
    private static final String PROCEDURE = "procedure";
    private static final String TECHNIQUE_ID = "technique_id";
    private static final String ORDINAL = "ordinal";
    private static final String LENGTH = "length";
    private static final String TECHNIQUE_TERMS = "technique_terms";
    private static final String PROCEDURE_TERMS = "procedure_terms";
    private static final String BY = "by";
    private static final String TEXT = "text";
    /** OpenSearch's default index.max_result_window: more than techniques exist. */
    private static final int MAX_HITS = 10_000;

    /** A ranking document as stored. */
    public record RankingSource(
            String kind,
            String technique_id,
            int ordinal,
            int length,
            String technique_terms,
            String procedure_terms,
            String by,
            String text) {}

    private record Statistics(RankingCorpus.Statistics techniques, RankingCorpus.Statistics procedures) {}

    private final OpenSearchClient client;
    private final String alias;
    private final int replicas;
    private final int bulkSize;
    private final Map<String, Statistics> statistics = new ConcurrentHashMap<>();

    OpenSearchTechniqueRanking(OpenSearchClient client, String alias, int replicas, int bulkSize) {
        this.client = client;
        this.alias = alias;
        this.replicas = replicas;
        this.bulkSize = bulkSize;
    }

    String alias() {
        return alias;
    }

    /** The ranking indices behind the alias, for deleting them. */
    List<String> indexNames() {
        return OpenSearchKnowledgeBase.call("get alias " + alias, () -> {
            if (!client.indices().existsAlias(a -> a.name(alias)).value()) {
                return List.of();
            }
            return List.copyOf(
                    client.indices().getAlias(a -> a.name(alias)).result().keySet());
        });
    }

    /**
     * Builds the extract's ranking index (unless another instance has, or is building, the same
     * one: documents are only created, never overwritten, so its statistics stay those of one copy)
     * and points the alias at it, then deletes the indices of earlier extracts.
     */
    void index(AttackKnowledge attack) {
        RankingCorpus corpus = RankingCorpus.of(attack);
        String name = alias + "-" + attack.contentSha256().substring(0, 16);
        create(name, corpus);
        List<BulkOperation> operations = new ArrayList<>();
        for (RankingCorpus.TechniqueEntry entry : corpus.techniques()) {
            RankingSource source = new RankingSource(
                    TECHNIQUE,
                    entry.techniqueId(),
                    entry.ordinal(),
                    entry.terms().size(),
                    RankingCorpus.join(entry.terms()),
                    null,
                    null,
                    null);
            operations.add(BulkOperation.of(
                    o -> o.create(c -> c.index(name).id("t" + entry.ordinal()).document(source))));
        }
        for (RankingCorpus.ProcedureEntry entry : corpus.procedures()) {
            RankingSource source = new RankingSource(
                    PROCEDURE,
                    entry.techniqueId(),
                    entry.ordinal(),
                    entry.terms().size(),
                    null,
                    RankingCorpus.join(entry.terms()),
                    entry.example().by(),
                    entry.example().text());
            operations.add(BulkOperation.of(
                    o -> o.create(c -> c.index(name).id("p" + entry.ordinal()).document(source))));
        }
        bulkCreate(operations);
        OpenSearchKnowledgeBase.call("refresh " + name, () -> client.indices().refresh(r -> r.index(name)));
        List<String> previous = indexNames();
        OpenSearchKnowledgeBase.call(
                "point " + alias + " at " + name,
                () -> client.indices().updateAliases(u -> {
                    previous.stream()
                            .filter(index -> !index.equals(name))
                            .forEach(index ->
                                    u.actions(a -> a.remove(r -> r.index(index).alias(alias))));
                    return u.actions(a -> a.add(add -> add.index(name).alias(alias)));
                }));
        List<String> old =
                previous.stream().filter(index -> !index.equals(name)).toList();
        if (!old.isEmpty()) {
            OpenSearchKnowledgeBase.call(
                    "delete " + old,
                    () -> client.indices().delete(d -> d.index(old).ignoreUnavailable(true)));
        }
    }

    private void create(String name, RankingCorpus corpus) {
        boolean exists = OpenSearchKnowledgeBase.call(
                "check index " + name,
                () -> client.indices().exists(e -> e.index(name)).value());
        if (exists) {
            return;
        }
        Property terms = Property.of(p -> p.text(t -> t.analyzer("whitespace").indexOptions(IndexOptions.Freqs)));
        TypeMapping mapping = TypeMapping.of(m -> m.dynamic(DynamicMapping.Strict)
                .properties(KIND, Property.of(p -> p.keyword(k -> k)))
                .properties(TECHNIQUE_ID, Property.of(p -> p.keyword(k -> k)))
                .properties(ORDINAL, Property.of(p -> p.integer(i -> i)))
                .properties(LENGTH, Property.of(p -> p.integer(i -> i)))
                .properties(TECHNIQUE_TERMS, terms)
                .properties(PROCEDURE_TERMS, terms)
                .properties(BY, Property.of(p -> p.keyword(k -> k.index(false).docValues(false))))
                .properties(TEXT, Property.of(p -> p.text(t -> t.index(false))))
                .meta(meta(corpus)));
        try {
            // One shard: BM25's statistics are those of the whole corpus.
            client.indices()
                    .create(c -> c.index(name)
                            .settings(s -> s.numberOfShards(1).numberOfReplicas(replicas))
                            .mappings(mapping));
        } catch (OpenSearchException e) {
            if (!"resource_already_exists_exception".equals(e.error().type())) {
                throw new KnowledgeBaseException(
                        "OpenSearch failed to create index " + name + ": " + e.getMessage(), e);
            }
        } catch (IOException e) {
            throw new KnowledgeBaseException("OpenSearch failed to create index " + name + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, JsonData> meta(RankingCorpus corpus) {
        Map<String, JsonData> meta = new HashMap<>();
        put(meta, "techniques", corpus.techniqueStatistics());
        put(meta, "procedures", corpus.procedureStatistics());
        return meta;
    }

    private static void put(Map<String, JsonData> meta, String kind, RankingCorpus.Statistics statistics) {
        meta.put(kind + "_documents", JsonData.of(statistics.documents()));
        meta.put(kind + "_total_length", JsonData.of(statistics.totalLength()));
        meta.put(kind + "_documents_with_terms", JsonData.of(statistics.documentsWithTerms()));
    }

    private void bulkCreate(List<BulkOperation> operations) {
        for (int from = 0; from < operations.size(); from += bulkSize) {
            List<BulkOperation> chunk = operations.subList(from, Math.min(operations.size(), from + bulkSize));
            BulkResponse response = OpenSearchKnowledgeBase.call(
                    "bulk index", () -> client.bulk(b -> b.operations(chunk).refresh(Refresh.False)));
            if (response.errors()) {
                List<String> failures = new ArrayList<>();
                for (BulkResponseItem item : response.items()) {
                    // 409: another instance created that document of the same extract already.
                    if (item.error() != null && item.status() != 409 && failures.size() < 5) {
                        failures.add(item.id() + ": " + item.error().reason());
                    }
                }
                if (!failures.isEmpty()) {
                    throw new KnowledgeBaseException("Bulk indexing rejected ranking documents: " + failures);
                }
            }
        }
    }

    /** What the two kinds of ranking document match for {@code query}; empty when none is indexed. */
    TechniqueRanker.Matches matches(RankingQuery query) {
        List<RankingQuery.Term> terms = query.terms();
        JsonNode techniques = search(query(TECHNIQUE, TECHNIQUE_TERMS, terms, false));
        JsonNode procedures = techniques == null ? null : search(query(PROCEDURE, PROCEDURE_TERMS, terms, true));
        if (techniques == null || procedures == null) {
            return Result.NONE;
        }
        String index = firstIndex(techniques, procedures);
        if (index == null) {
            return Result.NONE;
        }
        Statistics stats = statistics.computeIfAbsent(index, this::readStatistics);
        Side techniqueSide = Side.read(techniques, TECHNIQUE_TERMS, terms, stats.techniques());
        Side procedureSide = Side.read(procedures, PROCEDURE_TERMS, terms, stats.procedures());
        Map<String, Double> rarity = new HashMap<>();
        for (int i = 0; i < terms.size(); i++) {
            rarity.put(
                    terms.get(i).stem(),
                    Math.max(
                            Bm25.idf(stats.techniques().documents(), techniqueSide.documentFrequency[i]),
                            Bm25.idf(stats.procedures().documents(), procedureSide.documentFrequency[i])));
        }
        return new Result(techniqueSide, procedureSide, rarity, this);
    }

    private static String firstIndex(JsonNode... responses) {
        for (JsonNode response : responses) {
            for (JsonNode hit : response.path("hits").path("hits")) {
                return hit.path("_index").asString();
            }
        }
        return null;
    }

    private Statistics readStatistics(String index) {
        Map<String, JsonData> meta = OpenSearchKnowledgeBase.call(
                "get mapping " + index,
                () -> client.indices()
                        .getMapping(g -> g.index(index))
                        .result()
                        .get(index)
                        .mappings()
                        .meta());
        return new Statistics(statistics(meta, "techniques"), statistics(meta, "procedures"));
    }

    private static RankingCorpus.Statistics statistics(Map<String, JsonData> meta, String kind) {
        return new RankingCorpus.Statistics(
                meta.get(kind + "_documents").to(Long.class),
                meta.get(kind + "_total_length").to(Long.class),
                meta.get(kind + "_documents_with_terms").to(Long.class));
    }

    private static ObjectNode query(String kind, String field, List<RankingQuery.Term> terms, boolean collapse) {
        ObjectNode body = JSON.createObjectNode();
        body.put("size", MAX_HITS);
        body.put("_source", false);
        body.put("track_total_hits", false);
        ArrayNode docValues = body.putArray("docvalue_fields");
        docValues.add(TECHNIQUE_ID).add(LENGTH).add(ORDINAL);
        ObjectNode bool = body.putObject("query").putObject("bool");
        bool.putArray("filter").addObject().putObject("term").put(KIND, kind);
        ArrayNode should = bool.putArray("should");
        ObjectNode aggregations = body.putObject("aggs");
        for (int i = 0; i < terms.size(); i++) {
            RankingQuery.Term term = terms.get(i);
            should.addObject()
                    .putObject("term")
                    .putObject(field)
                    .put("value", term.stem())
                    .put("boost", (float) term.frequency())
                    .put("_name", Integer.toString(i));
            aggregations
                    .putObject(Integer.toString(i))
                    .putObject("filter")
                    .putObject("term")
                    .put(field, term.stem());
        }
        bool.put("minimum_should_match", 1);
        if (collapse) {
            // The best example of each technique; the first in the extract's order on a tie.
            body.putObject("collapse").put("field", TECHNIQUE_ID);
            ArrayNode sort = body.putArray("sort");
            sort.addObject().put("_score", "desc");
            sort.addObject().put(ORDINAL, "asc");
            body.put("track_scores", true);
        }
        return body;
    }

    /** The search's response, or null when no ranking index exists. */
    private JsonNode search(ObjectNode body) {
        return OpenSearchKnowledgeBase.call("rank techniques in " + alias, () -> {
            try (Response response = client.generic()
                    .execute(Requests.builder()
                            .method("POST")
                            .endpoint("/" + alias + "/_search")
                            .query(Map.of("include_named_queries_score", "true"))
                            .json(JSON.writeValueAsString(body))
                            .build())) {
                String text = response.getBody().map(Body::bodyAsString).orElse("");
                if (response.getStatus() == 404) {
                    return null;
                }
                if (response.getStatus() != 200) {
                    throw new KnowledgeBaseException(
                            "OpenSearch answered " + response.getStatus() + " to a technique ranking: " + text);
                }
                return JSON.readTree(text);
            }
        });
    }

    private Map<String, ProcedureExample> procedures(Map<String, String> documentIds) {
        if (documentIds.isEmpty()) {
            return Map.of();
        }
        List<String> ids = List.copyOf(new LinkedHashSet<>(documentIds.values()));
        Map<String, RankingSource> sources = new HashMap<>();
        OpenSearchKnowledgeBase.call(
                        "get procedure examples",
                        () -> client.mget(m -> m.index(alias).ids(ids), RankingSource.class)
                                .docs())
                .forEach(doc -> {
                    if (doc.isResult() && doc.result().found() && doc.result().source() != null) {
                        sources.put(doc.result().id(), doc.result().source());
                    }
                });
        Map<String, ProcedureExample> out = new HashMap<>();
        documentIds.forEach((techniqueId, documentId) -> {
            RankingSource source = sources.get(documentId);
            if (source != null) {
                out.put(techniqueId, new ProcedureExample(source.by(), source.text()));
            }
        });
        return out;
    }

    /** One search's hits: exact scores and matched terms by technique id, recovered from OpenSearch's. */
    private static final class Side {
        private final long[] documentFrequency;
        private final Map<String, Double> scores = new HashMap<>();
        private final Map<String, Set<String>> matched = new HashMap<>();
        private final Map<String, String> documentIds = new HashMap<>();

        private Side(int queryTerms) {
            this.documentFrequency = new long[queryTerms];
        }

        static Side read(
                JsonNode response, String field, List<RankingQuery.Term> terms, RankingCorpus.Statistics stats) {
            Side side = new Side(terms.size());
            JsonNode aggregations = response.path("aggregations");
            Similarity.SimScorer[] engine = new Similarity.SimScorer[terms.size()];
            double[] weights = new double[terms.size()];
            for (int i = 0; i < terms.size(); i++) {
                long df =
                        aggregations.path(Integer.toString(i)).path("doc_count").asLong(0);
                side.documentFrequency[i] = df;
                if (df > 0) {
                    engine[i] = engineScorer(field, terms.get(i), df, stats);
                    weights[i] = Bm25.idf(stats.documents(), df) * terms.get(i).frequency();
                }
            }
            double averageLength = stats.averageLength();
            for (JsonNode hit : response.path("hits").path("hits")) {
                JsonNode fields = hit.path("fields");
                String techniqueId = fields.path(TECHNIQUE_ID).path(0).asString();
                int length = fields.path(LENGTH).path(0).asInt();
                JsonNode named = hit.path("matched_queries");
                double lengthNorm = Bm25.lengthNorm(length, averageLength);
                double score = 0;
                Set<String> matchedTerms = new LinkedHashSet<>();
                for (int i = 0; i < terms.size(); i++) {
                    JsonNode observed = named.get(Integer.toString(i));
                    if (observed == null || engine[i] == null) {
                        continue;
                    }
                    int tf = termFrequency(engine[i], length, (float) observed.asDouble());
                    score += Bm25.score(weights[i], tf, lengthNorm);
                    matchedTerms.add(terms.get(i).stem());
                }
                if (score > 0 && !side.scores.containsKey(techniqueId)) {
                    side.scores.put(techniqueId, score);
                    side.matched.put(techniqueId, matchedTerms);
                    side.documentIds.put(techniqueId, hit.path("_id").asString());
                }
            }
            return side;
        }

        /** OpenSearch's scorer of one term: Lucene's BM25 with the field's statistics as OpenSearch has them. */
        private static Similarity.SimScorer engineScorer(
                String field, RankingQuery.Term term, long df, RankingCorpus.Statistics stats) {
            long documents = stats.documentsWithTerms();
            CollectionStatistics collection =
                    new CollectionStatistics(field, documents, documents, stats.totalLength(), documents);
            TermStatistics statistics = new TermStatistics(new BytesRef(term.stem()), df, df);
            return new BM25Similarity().scorer(term.frequency(), collection, statistics);
        }

        /** The term frequency whose score OpenSearch computed, given the document's exact length. */
        private static int termFrequency(Similarity.SimScorer scorer, int length, float observed) {
            long norm = SmallFloat.intToByte4(length);
            int low = 1;
            int high = Math.max(1, length);
            while (low < high) {
                int middle = (low + high) >>> 1;
                if (scorer.score(middle, norm) < observed) {
                    low = middle + 1;
                } else {
                    high = middle;
                }
            }
            int tf = low;
            if (tf > 1 && observed - scorer.score(tf - 1, norm) < scorer.score(tf, norm) - observed) {
                tf--;
            }
            float expected = scorer.score(tf, norm);
            if (Math.abs(expected - observed) > 1e-5f * Math.max(1f, Math.abs(observed))) {
                throw new KnowledgeBaseException("The ranking index's statistics do not explain OpenSearch's score "
                        + observed + " (nearest " + expected + " at tf " + tf + ", length " + length + ")");
            }
            return tf;
        }
    }

    /** The matches of one query over the techniques either search found, in the order found. */
    private static final class Result implements TechniqueRanker.Matches {

        static final Result NONE = new Result(new Side(0), new Side(0), Map.of(), null);

        private final List<String> ids = new ArrayList<>();
        private final Map<String, Integer> positions = new HashMap<>();
        private final Side techniques;
        private final Side procedures;
        private final Map<String, Double> rarity;
        private final OpenSearchTechniqueRanking ranking;

        Result(Side techniques, Side procedures, Map<String, Double> rarity, OpenSearchTechniqueRanking ranking) {
            this.techniques = techniques;
            this.procedures = procedures;
            this.rarity = rarity;
            this.ranking = ranking;
            for (Side side : List.of(techniques, procedures)) {
                side.scores
                        .keySet()
                        .forEach(id -> positions.computeIfAbsent(id, k -> {
                            ids.add(k);
                            return ids.size() - 1;
                        }));
            }
        }

        @Override
        public int size() {
            return ids.size();
        }

        @Override
        public String techniqueId(int technique) {
            return ids.get(technique);
        }

        @Override
        public int indexOf(String techniqueId) {
            return positions.getOrDefault(techniqueId, -1);
        }

        @Override
        public double techniqueScore(int technique) {
            return techniques.scores.getOrDefault(ids.get(technique), 0.0);
        }

        @Override
        public double procedureScore(int technique) {
            return procedures.scores.getOrDefault(ids.get(technique), 0.0);
        }

        @Override
        public Set<String> techniqueTerms(int technique) {
            return techniques.matched.getOrDefault(ids.get(technique), Set.of());
        }

        @Override
        public Set<String> procedureTerms(int technique) {
            return procedures.matched.getOrDefault(ids.get(technique), Set.of());
        }

        @Override
        public double rarity(String stem) {
            return rarity.getOrDefault(stem, 0.0);
        }

        @Override
        public Map<Integer, ProcedureExample> procedures(List<Integer> wanted) {
            Map<String, String> documents = new HashMap<>();
            for (int t : wanted) {
                String document = procedures.documentIds.get(ids.get(t));
                if (document != null) {
                    documents.put(ids.get(t), document);
                }
            }
            Map<Integer, ProcedureExample> out = new HashMap<>();
            ranking.procedures(documents).forEach((id, example) -> out.put(positions.get(id), example));
            return out;
        }
    }

    @Override
    public String toString() {
        return "OpenSearchTechniqueRanking[" + Objects.requireNonNull(alias) + "]";
    }
}
