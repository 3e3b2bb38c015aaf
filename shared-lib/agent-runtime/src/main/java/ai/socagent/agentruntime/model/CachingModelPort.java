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
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Response cache in front of a {@link ModelPort}: an identical normalised input for the same
 * agent, output schema and severity returns the cached model answer without calling the model, so
 * a storm of duplicate findings costs tokens once. Normalisation sorts object keys and collapses
 * whitespace in strings. Two tiers, read in order: L1 in this JVM (Caffeine, TTL and size bound),
 * then, when given, a {@link SharedResponseCache} L2 shared by the fleet (Redis, same TTL); an L2
 * hit fills L1. Only model answers are cached, never offline fallbacks. A hit reports no token
 * consumption and a trace id of {@code cache:<original trace id>}.
 *
 * <p>L2 never fails a call: an error or timeout counts as a miss (the model is called), is logged
 * and counted, and L2 is skipped for {@code l2RetryInterval} afterwards so a stalled Redis does not
 * add its timeout to every call. Lookups are counted in {@code AI.Context.CacheHitRate} with tags
 * tier={@value #TIER_L1}|{@value #TIER_L2} and result=hit|miss|error|bypass|corrupt.
 */
public final class CachingModelPort implements ModelPort {

    public static final String TIER_L1 = "model-response-l1";
    public static final String TIER_L2 = "model-response-l2";

    private static final Logger LOG = LoggerFactory.getLogger(CachingModelPort.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ModelPort delegate;
    private final Cache<String, ModelAnswer> cache;
    private final MeterRegistry meters;
    private final Duration ttl;
    private final SharedResponseCache l2;
    private final long l2RetryNanos;
    private final Ticker ticker;
    private final AtomicLong l2SkippedUntil = new AtomicLong();
    private final AtomicBoolean l2Failing = new AtomicBoolean();

    /** An L1-only cache. */
    public CachingModelPort(ModelPort delegate, Duration ttl, long maximumSize, Ticker ticker, MeterRegistry meters) {
        this(delegate, ttl, maximumSize, ticker, meters, null, Duration.ZERO);
    }

    /**
     * @param l2 the shared tier, or {@code null} for none
     * @param l2RetryInterval how long L2 is skipped after an error
     */
    public CachingModelPort(
            ModelPort delegate,
            Duration ttl,
            long maximumSize,
            Ticker ticker,
            MeterRegistry meters,
            SharedResponseCache l2,
            Duration l2RetryInterval) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.meters = Objects.requireNonNull(meters, "meters");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive");
        }
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.l2 = l2;
        this.l2RetryNanos =
                Objects.requireNonNull(l2RetryInterval, "l2RetryInterval").toNanos();
        this.cache = Caffeine.newBuilder()
                .expireAfterWrite(ttl)
                .maximumSize(maximumSize)
                .ticker(ticker)
                .build();
        this.l2SkippedUntil.set(ticker.read());
    }

    @Override
    public java.util.Optional<String> breakerState() {
        return delegate.breakerState();
    }

    @Override
    public ModelAnswer answer(ModelRequest request, OfflineEngine offline) {
        long start = System.nanoTime();
        String key = key(request);
        ModelAnswer cached = cache.getIfPresent(key);
        if (cached != null) {
            count(TIER_L1, "hit");
            return served(cached, start);
        }
        count(TIER_L1, "miss");
        if (l2 != null) {
            ModelAnswer shared = readL2(key);
            if (shared != null) {
                cache.put(key, shared);
                return served(shared, start);
            }
        }
        ModelAnswer answer = delegate.answer(request, offline);
        if (!answer.isFallback()) {
            cache.put(key, answer);
            if (l2 != null) {
                writeL2(key, answer);
            }
        }
        return answer;
    }

    private static ModelAnswer served(ModelAnswer cached, long start) {
        return new ModelAnswer(
                cached.output(),
                cached.producedBy(),
                0,
                0,
                Duration.ofNanos(System.nanoTime() - start),
                "cache:" + cached.traceId(),
                cached.fallbackReason());
    }

    private ModelAnswer readL2(String key) {
        if (skippingL2()) {
            count(TIER_L2, "bypass");
            return null;
        }
        Optional<ModelAnswer> found;
        try {
            found = l2.get(key);
        } catch (IllegalArgumentException e) {
            count(TIER_L2, "corrupt");
            LOG.warn(
                    "Shared model response cache holds an unreadable entry for {}, calling the model: {}",
                    key,
                    e.getMessage());
            return null;
        } catch (RuntimeException e) {
            l2Failed("read", e);
            return null;
        }
        l2Recovered();
        if (found.isEmpty() || found.get().isFallback()) {
            count(TIER_L2, "miss");
            return null;
        }
        count(TIER_L2, "hit");
        return found.get();
    }

    private void writeL2(String key, ModelAnswer answer) {
        if (skippingL2()) {
            return;
        }
        try {
            l2.put(key, answer, ttl);
            l2Recovered();
        } catch (RuntimeException e) {
            l2Failed("write", e);
        }
    }

    private boolean skippingL2() {
        return ticker.read() - l2SkippedUntil.get() < 0;
    }

    private void l2Failed(String operation, RuntimeException e) {
        count(TIER_L2, "error");
        l2SkippedUntil.set(ticker.read() + l2RetryNanos);
        if (l2Failing.compareAndSet(false, true)) {
            LOG.warn(
                    "Shared model response cache failed to {}, answering without it for {} ms at a time: {}",
                    operation,
                    l2RetryNanos / 1_000_000,
                    e.toString());
        } else {
            LOG.debug("Shared model response cache failed to {}: {}", operation, e.toString());
        }
    }

    private void l2Recovered() {
        if (l2Failing.compareAndSet(true, false)) {
            LOG.info("Shared model response cache answers again");
        }
    }

    /** The cache key: a SHA-256 of agent, severity, schema and the normalised input. */
    public static String key(ModelRequest request) {
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

    private void count(String tier, String result) {
        meters.counter(MetricNames.CONTEXT_CACHE_HIT_RATE, MetricTags.TIER, tier, MetricTags.RESULT, result)
                .increment();
    }
}
