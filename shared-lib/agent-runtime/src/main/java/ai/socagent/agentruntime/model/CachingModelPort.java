package ai.socagent.agentruntime.model;

import ai.socagent.observability.MetricNames;
import ai.socagent.observability.MetricTags;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Response cache in front of a {@link ModelPort} (Caffeine, in memory, with a TTL): an identical
 * normalised input for the same agent, output schema and severity returns the cached model answer
 * without calling the model. Normalisation sorts object keys and collapses whitespace in strings.
 * Only model answers are cached, never offline fallbacks. A hit reports no token consumption and a
 * trace id of {@code cache:<original trace id>}. Hits and misses are counted in
 * {@code AI.Context.CacheHitRate} (tags tier=model-response, result=hit|miss).
 */
public final class CachingModelPort implements ModelPort {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ModelPort delegate;
    private final Cache<String, ModelAnswer> cache;
    private final MeterRegistry meters;

    public CachingModelPort(ModelPort delegate, Duration ttl, long maximumSize, Ticker ticker, MeterRegistry meters) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.meters = Objects.requireNonNull(meters, "meters");
        this.cache = Caffeine.newBuilder()
                .expireAfterWrite(ttl)
                .maximumSize(maximumSize)
                .ticker(ticker)
                .build();
    }

    @Override
    public ModelAnswer answer(ModelRequest request, OfflineEngine offline) {
        long start = System.nanoTime();
        String key = key(request);
        ModelAnswer cached = cache.getIfPresent(key);
        if (cached != null) {
            count("hit");
            return new ModelAnswer(
                    cached.output(),
                    cached.producedBy(),
                    0,
                    0,
                    Duration.ofNanos(System.nanoTime() - start),
                    "cache:" + cached.traceId(),
                    cached.fallbackReason());
        }
        count("miss");
        ModelAnswer answer = delegate.answer(request, offline);
        if (!answer.isFallback()) {
            cache.put(key, answer);
        }
        return answer;
    }

    /** The cache key: a SHA-256 of agent, severity, schema and the normalised input. */
    static String key(ModelRequest request) {
        String material = request.agent().name() + "\n" + request.severity().name() + "\n"
                + JSON.writeValueAsString(normalise(request.outputSchema())) + "\n"
                + JSON.writeValueAsString(normalise(request.input()));
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(material.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    static JsonNode normalise(JsonNode node) {
        if (node.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                sorted.put(property.getKey(), normalise(property.getValue()));
            }
            ObjectNode result = JSON.createObjectNode();
            sorted.forEach(result::set);
            return result;
        }
        if (node.isArray()) {
            ArrayNode result = JSON.createArrayNode();
            node.forEach(element -> result.add(normalise(element)));
            return result;
        }
        if (node.isString()) {
            return JSON.getNodeFactory().stringNode(node.asString().strip().replaceAll("\\s+", " "));
        }
        return node;
    }

    private void count(String result) {
        meters.counter(MetricNames.CONTEXT_CACHE_HIT_RATE, MetricTags.TIER, "model-response", MetricTags.RESULT, result)
                .increment();
    }
}
