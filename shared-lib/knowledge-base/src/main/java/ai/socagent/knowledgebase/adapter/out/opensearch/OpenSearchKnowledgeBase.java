package ai.socagent.knowledgebase.adapter.out.opensearch;

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
import ai.socagent.knowledgebase.ranking.RankingQuery;
import ai.socagent.knowledgebase.ranking.TechniqueRanker;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.hc.core5.http.HttpHost;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.Refresh;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch._types.mapping.DynamicMapping;
import org.opensearch.client.opensearch._types.mapping.Property;
import org.opensearch.client.opensearch._types.mapping.TypeMapping;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch._types.query_dsl.TextQueryType;
import org.opensearch.client.opensearch.core.BulkResponse;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;
import org.opensearch.client.opensearch.core.bulk.BulkResponseItem;
import org.opensearch.client.opensearch.core.search.Hit;
import org.opensearch.client.transport.OpenSearchTransport;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;

/**
 * The knowledge base on OpenSearch, through opensearch-java: three indices, {@code
 * <prefix>-techniques}, {@code <prefix>-indicators} and {@code <prefix>-attack-objects}
 * (mitigations, groups, software, campaigns), created on start with explicit, strict mappings that
 * need nothing beyond OpenSearch core (keyword, text with the {@code standard} analyzer, double,
 * date). The indexed ATT&CK release and version (release and content digest) are kept in the
 * {@code _meta} of the techniques index mapping.
 *
 * <p>Lookups are {@code term} queries on keyword fields, full-text search a {@code multi_match}
 * ({@code best_fields}) over {@code name^2} and {@code description} (ATT&CK objects: {@code
 * name^2}, {@code aliases^2}, {@code description}); relations to techniques are a {@code bool} of
 * one {@code constant_score} clause per technique, sorted by {@code _score} then {@code id}. Bulk writes refresh the
 * indices before returning when {@link Settings#refreshOnWrite()} (the default), so that reads
 * see them. The technique ranking has an index of its own per ATT&CK extract, behind the alias
 * {@code <prefix>-ranking} ({@link OpenSearchTechniqueRanking}).
 */
public final class OpenSearchKnowledgeBase implements KnowledgeBase {

    /**
     * Index settings.
     *
     * @param indexPrefix prefix of the two index names (lowercase)
     * @param shards primary shards per index
     * @param replicas replicas per index (0 on a single node)
     * @param refreshOnWrite refresh after each bulk write so that it is visible to the next read
     * @param bulkSize documents per bulk request
     */
    public record Settings(String indexPrefix, int shards, int replicas, boolean refreshOnWrite, int bulkSize) {

        public Settings {
            Objects.requireNonNull(indexPrefix, "indexPrefix");
            if (shards < 1 || replicas < 0 || bulkSize < 1) {
                throw new IllegalArgumentException("shards and bulkSize must be positive, replicas not negative");
            }
        }

        /** One shard, no replica, refresh on write, bulks of 500. */
        public static Settings of(String indexPrefix) {
            return new Settings(indexPrefix, 1, 0, true, 500);
        }

        public Settings withReplicas(int count) {
            return new Settings(indexPrefix, shards, count, refreshOnWrite, bulkSize);
        }
    }

    /** The technique document as stored in OpenSearch. */
    public record TechniqueSource(
            String id, String name, List<String> tactics, String description, List<String> platforms) {}

    /** The mitigation, group, software or campaign document as stored in OpenSearch. */
    public record AttackObjectSource(
            String id,
            String type,
            String name,
            List<String> aliases,
            String description,
            List<String> technique_ids) {}

    /** The indicator document as stored in OpenSearch; instants as ISO-8601 strings. */
    public record IndicatorSource(
            String type,
            String value,
            String reputation,
            double confidence,
            String source,
            List<String> labels,
            String first_seen,
            String last_seen,
            List<String> technique_ids) {}

    private static final String ATTACK_RELEASE = "attack_release";
    private static final String ATTACK_VERSION = "attack_version";
    /**
     * What the indices hold for an extract: 2 since the technique ranking's index. Indices of an
     * older layout report no version, so the extract is indexed again.
     */
    private static final String LAYOUT_KEY = "index_layout";

    private static final String LAYOUT = "2";

    private final OpenSearchClient client;
    private final OpenSearchTransport ownedTransport;
    private final Settings settings;
    private final String techniques;
    private final String indicators;
    private final String attackObjects;
    private final OpenSearchTechniqueRanking ranking;
    private final TechniqueRanker ranker = new TechniqueRanker(this::findTechniques);
    private final TextAnalyzer rankingAnalyzer = new TextAnalyzer();

    private OpenSearchKnowledgeBase(OpenSearchClient client, OpenSearchTransport ownedTransport, Settings settings) {
        this.client = client;
        this.ownedTransport = ownedTransport;
        this.settings = settings;
        this.techniques = settings.indexPrefix() + "-techniques";
        this.indicators = settings.indexPrefix() + "-indicators";
        this.attackObjects = settings.indexPrefix() + "-attack-objects";
        this.ranking = new OpenSearchTechniqueRanking(
                client, settings.indexPrefix() + "-ranking", settings.replicas(), settings.bulkSize());
        createIndices();
    }

    /** Uses {@code client} (which stays the caller's to close); creates the indices when absent. */
    public static OpenSearchKnowledgeBase create(OpenSearchClient client, Settings settings) {
        return new OpenSearchKnowledgeBase(client, null, settings);
    }

    /** Connects to the node at {@code uri} (http://host:port), closed with the knowledge base. */
    public static OpenSearchKnowledgeBase connect(URI uri, Settings settings) {
        OpenSearchTransport transport = ApacheHttpClient5TransportBuilder.builder(
                        new HttpHost(uri.getScheme(), uri.getHost(), uri.getPort()))
                .setMapper(new JacksonJsonpMapper())
                .build();
        try {
            return new OpenSearchKnowledgeBase(new OpenSearchClient(transport), transport, settings);
        } catch (RuntimeException e) {
            closeQuietly(transport, e);
            throw e;
        }
    }

    /** Names of the indices: techniques, indicators, attack objects, and the technique ranking's alias. */
    public List<String> indexNames() {
        return List.of(techniques, indicators, attackObjects, ranking.alias());
    }

    /** Deletes every index, the ranking's too (tests, re-imports). */
    public void deleteIndices() {
        List<String> names = new ArrayList<>(List.of(techniques, indicators, attackObjects));
        names.addAll(ranking.indexNames());
        call("delete indices", () -> client.indices().delete(d -> d.index(names).ignoreUnavailable(true)));
    }

    @Override
    public void indexTechniques(Collection<TechniqueDocument> documents) {
        List<BulkOperation> operations = documents.stream()
                .map(t -> BulkOperation.of(o -> o.index(i -> i.index(techniques)
                        .id(t.id())
                        .document(new TechniqueSource(t.id(), t.name(), t.tactics(), t.description(), t.platforms())))))
                .toList();
        bulk(operations);
        ranker.forget();
    }

    @Override
    public void indexAttackObjects(Collection<AttackObject> objects) {
        List<BulkOperation> operations = objects.stream()
                .map(o -> BulkOperation.of(b -> b.index(i -> i.index(attackObjects)
                        .id(o.id())
                        .document(new AttackObjectSource(
                                o.id(), o.type().name(), o.name(), o.aliases(), o.description(), o.techniqueIds())))))
                .toList();
        bulk(operations);
    }

    @Override
    public void indexAttack(AttackKnowledge attack) {
        indexTechniques(TechniqueDocument.allOf(attack));
        indexAttackObjects(AttackObject.allOf(attack));
        ranking.index(attack);
        ranker.forget();
        call(
                "record the ATT&CK release in " + techniques,
                () -> client.indices()
                        .putMapping(p -> p.index(techniques)
                                .meta(ATTACK_RELEASE, JsonData.of(attack.source()))
                                .meta(ATTACK_VERSION, JsonData.of(attack.version()))
                                .meta(LAYOUT_KEY, JsonData.of(LAYOUT))));
    }

    @Override
    public Optional<String> attackRelease() {
        return techniquesMeta(ATTACK_RELEASE);
    }

    @Override
    public Optional<String> attackVersion() {
        return techniquesMeta(LAYOUT_KEY).filter(LAYOUT::equals).flatMap(layout -> techniquesMeta(ATTACK_VERSION));
    }

    private Optional<String> techniquesMeta(String key) {
        Map<String, JsonData> meta = call(
                "get mapping " + techniques,
                () -> client.indices()
                        .getMapping(g -> g.index(techniques))
                        .result()
                        .get(techniques)
                        .mappings()
                        .meta());
        return Optional.ofNullable(meta.get(key)).map(value -> value.to(String.class));
    }

    @Override
    public void indexIndicators(Collection<IntelIndicator> documents) {
        List<BulkOperation> operations = documents.stream()
                .map(intel -> BulkOperation.of(o -> o.index(
                        i -> i.index(indicators).id(id(intel.indicator())).document(toSource(intel)))))
                .toList();
        bulk(operations);
    }

    @Override
    public Optional<IntelIndicator> findIndicator(Indicator indicator) {
        Query query = Query.of(q ->
                q.bool(b -> b.filter(term("type", indicator.type().name())).filter(term("value", indicator.value()))));
        return searchIndicators(query, 1).stream().findFirst();
    }

    @Override
    public List<IntelIndicator> indicatorsForTechnique(String techniqueId, int limit) {
        Query query =
                Query.of(q -> q.bool(b -> b.filter(term("technique_ids", TechniqueDocument.normalizeId(techniqueId)))));
        return searchIndicators(query, limit);
    }

    @Override
    public Optional<TechniqueDocument> findTechnique(String id) {
        Query query = Query.of(q -> q.bool(b -> b.filter(term("id", TechniqueDocument.normalizeId(id)))));
        return searchTechniques(query, 1).stream().findFirst();
    }

    @Override
    public List<TechniqueDocument> searchTechniques(String text, int limit) {
        if (text == null || text.isBlank() || limit <= 0) {
            return List.of();
        }
        Query query = Query.of(q ->
                q.multiMatch(m -> m.query(text).fields("name^2", "description").type(TextQueryType.BestFields)));
        return searchTechniques(query, limit);
    }

    @Override
    public List<TechniqueMatch> rankTechniques(String text, int limit) {
        RankingQuery query = RankingQuery.of(text, rankingAnalyzer);
        if (query.isEmpty() || limit <= 0) {
            return List.of();
        }
        return ranker.best(query, ranking.matches(query), limit);
    }

    @Override
    public List<TechniqueMatch> rankTechniques(String text, List<String> techniqueIds) {
        RankingQuery query = RankingQuery.of(text, rankingAnalyzer);
        if (query.isEmpty() || techniqueIds.isEmpty()) {
            return List.of();
        }
        return ranker.supportFor(query, ranking.matches(query), techniqueIds);
    }

    private Map<String, TechniqueDocument> findTechniques(Collection<String> ids) {
        List<FieldValue> values = ids.stream().map(FieldValue::of).toList();
        Query query = Query.of(q -> q.terms(t -> t.field("id").terms(v -> v.value(values))));
        Map<String, TechniqueDocument> found = new HashMap<>();
        searchTechniques(query, ids.size()).forEach(t -> found.put(t.id(), t));
        return found;
    }

    @Override
    public Optional<AttackObject> findAttackObject(String id) {
        Query query = Query.of(q -> q.bool(b -> b.filter(term("id", AttackObject.normalizeId(id)))));
        return searchAttackObjects(query, 1, false).stream().findFirst();
    }

    @Override
    public List<AttackObject> searchAttackObjects(String text, Set<AttackObject.Type> types, int limit) {
        if (text == null || text.isBlank() || limit <= 0) {
            return List.of();
        }
        Query match = Query.of(q -> q.multiMatch(
                m -> m.query(text).fields("name^2", "aliases^2", "description").type(TextQueryType.BestFields)));
        Query query = Query.of(q -> q.bool(b -> {
            b.must(match);
            typeFilter(types).ifPresent(b::filter);
            return b;
        }));
        return searchAttackObjects(query, limit, false);
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
        // One point per technique the object relates to, then by id.
        Query query = Query.of(q -> q.bool(b -> {
            ids.forEach(id -> b.should(s ->
                    s.constantScore(c -> c.filter(term("technique_ids", id)).boost(1.0f))));
            b.minimumShouldMatch("1");
            typeFilter(types).ifPresent(b::filter);
            return b;
        }));
        return searchAttackObjects(query, limit, true);
    }

    @Override
    public void close() {
        if (ownedTransport != null) {
            try {
                ownedTransport.close();
            } catch (IOException e) {
                throw new KnowledgeBaseException("Cannot close the OpenSearch transport", e);
            }
        }
    }

    private static Optional<Query> typeFilter(Set<AttackObject.Type> types) {
        if (types.isEmpty() || types.size() == AttackObject.Type.values().length) {
            return Optional.empty();
        }
        List<FieldValue> values =
                types.stream().map(t -> FieldValue.of(t.name())).toList();
        return Optional.of(Query.of(q -> q.terms(t -> t.field("type").terms(v -> v.value(values)))));
    }

    private List<AttackObject> searchAttackObjects(Query query, int limit, boolean byScoreThenId) {
        return call(
                        "search " + attackObjects,
                        () -> client.search(
                                        s -> {
                                            s.index(attackObjects).size(limit).query(query);
                                            if (byScoreThenId) {
                                                s.sort(o -> o.score(c -> c.order(SortOrder.Desc)))
                                                        .sort(o -> o.field(f ->
                                                                f.field("id").order(SortOrder.Asc)));
                                            }
                                            return s;
                                        },
                                        AttackObjectSource.class)
                                .hits()
                                .hits())
                .stream()
                .map(Hit::source)
                .filter(Objects::nonNull)
                .map(o -> new AttackObject(
                        o.id(),
                        AttackObject.Type.valueOf(o.type()),
                        o.name(),
                        o.aliases(),
                        o.description(),
                        o.technique_ids()))
                .toList();
    }

    private void createIndices() {
        createIndex(
                techniques,
                TypeMapping.of(m -> m.dynamic(DynamicMapping.Strict)
                        .properties("id", keyword())
                        .properties("name", text())
                        .properties("tactics", keyword())
                        .properties("description", text())
                        .properties("platforms", keyword())));
        createIndex(
                indicators,
                TypeMapping.of(m -> m.dynamic(DynamicMapping.Strict)
                        .properties("type", keyword())
                        .properties("value", keyword())
                        .properties("reputation", keyword())
                        .properties("confidence", Property.of(p -> p.double_(d -> d)))
                        .properties("source", keyword())
                        .properties("labels", keyword())
                        .properties("first_seen", Property.of(p -> p.date(d -> d)))
                        .properties("last_seen", Property.of(p -> p.date(d -> d)))
                        .properties("technique_ids", keyword())));
        createIndex(
                attackObjects,
                TypeMapping.of(m -> m.dynamic(DynamicMapping.Strict)
                        .properties("id", keyword())
                        .properties("type", keyword())
                        .properties("name", text())
                        .properties("aliases", text())
                        .properties("description", text())
                        .properties("technique_ids", keyword())));
    }

    private void createIndex(String name, TypeMapping mapping) {
        boolean exists = call(
                "check index " + name,
                () -> client.indices().exists(e -> e.index(name)).value());
        if (exists) {
            return;
        }
        call(
                "create index " + name,
                () -> client.indices()
                        .create(c -> c.index(name)
                                .settings(
                                        s -> s.numberOfShards(settings.shards()).numberOfReplicas(settings.replicas()))
                                .mappings(mapping)));
    }

    private void bulk(List<BulkOperation> operations) {
        for (int from = 0; from < operations.size(); from += settings.bulkSize()) {
            List<BulkOperation> chunk =
                    operations.subList(from, Math.min(operations.size(), from + settings.bulkSize()));
            BulkResponse response = call(
                    "bulk index",
                    () -> client.bulk(b ->
                            b.operations(chunk).refresh(settings.refreshOnWrite() ? Refresh.True : Refresh.False)));
            if (response.errors()) {
                List<String> failures = new ArrayList<>();
                for (BulkResponseItem item : response.items()) {
                    if (item.error() != null && failures.size() < 5) {
                        failures.add(item.id() + ": " + item.error().reason());
                    }
                }
                throw new KnowledgeBaseException("Bulk indexing rejected documents: " + failures);
            }
        }
    }

    private List<IntelIndicator> searchIndicators(Query query, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return call(
                        "search " + indicators,
                        () -> client.search(s -> s.index(indicators).size(limit).query(query), IndicatorSource.class)
                                .hits()
                                .hits())
                .stream()
                .map(Hit::source)
                .filter(Objects::nonNull)
                .map(OpenSearchKnowledgeBase::toIndicator)
                .toList();
    }

    private List<TechniqueDocument> searchTechniques(Query query, int limit) {
        return call(
                        "search " + techniques,
                        () -> client.search(s -> s.index(techniques).size(limit).query(query), TechniqueSource.class)
                                .hits()
                                .hits())
                .stream()
                .map(Hit::source)
                .filter(Objects::nonNull)
                .map(t -> new TechniqueDocument(t.id(), t.name(), t.tactics(), t.description(), t.platforms()))
                .toList();
    }

    private static Query term(String field, String value) {
        return Query.of(q -> q.term(t -> t.field(field).value(FieldValue.of(value))));
    }

    private static Property keyword() {
        return Property.of(p -> p.keyword(k -> k));
    }

    private static Property text() {
        return Property.of(p -> p.text(t -> t.analyzer("standard")));
    }

    private static String id(Indicator indicator) {
        return indicator.type().name() + ":" + indicator.value();
    }

    private static IndicatorSource toSource(IntelIndicator intel) {
        return new IndicatorSource(
                intel.indicator().type().name(),
                intel.indicator().value(),
                intel.reputation().name(),
                intel.confidence(),
                intel.source(),
                intel.labels(),
                intel.firstSeen() == null ? null : intel.firstSeen().toString(),
                intel.lastSeen() == null ? null : intel.lastSeen().toString(),
                intel.techniqueIds());
    }

    private static IntelIndicator toIndicator(IndicatorSource s) {
        return new IntelIndicator(
                Indicator.of(IndicatorType.valueOf(s.type()), s.value()),
                Reputation.valueOf(s.reputation()),
                s.confidence(),
                s.source(),
                s.labels(),
                s.first_seen() == null ? null : Instant.parse(s.first_seen()),
                s.last_seen() == null ? null : Instant.parse(s.last_seen()),
                s.technique_ids());
    }

    interface Call<T> {
        T run() throws IOException;
    }

    static <T> T call(String what, Call<T> call) {
        try {
            return call.run();
        } catch (KnowledgeBaseException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // OpenSearchException for rejected requests; the transport wraps connection failures
            // in plain RuntimeExceptions.
            throw new KnowledgeBaseException("OpenSearch failed to " + what + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(OpenSearchTransport transport, RuntimeException cause) {
        try {
            transport.close();
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    /** The mapping both indices were created with, for tests and diagnostics. */
    Map<String, Property> mapping(String index) {
        return call(
                "get mapping " + index,
                () -> client.indices()
                        .getMapping(g -> g.index(index))
                        .result()
                        .get(index)
                        .mappings()
                        .properties());
    }
}
