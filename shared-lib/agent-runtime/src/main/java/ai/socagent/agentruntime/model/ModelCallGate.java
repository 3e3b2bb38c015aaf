package ai.socagent.agentruntime.model;

import ai.socagent.domain.Severity;
import ai.socagent.domain.agent.AgentName;
import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limit.AIMDLimit;
import com.netflix.concurrency.limits.limiter.AbstractLimiter;
import com.netflix.concurrency.limits.limiter.AbstractPartitionedLimiter;
import com.netflix.concurrency.limits.limiter.BlockingLimiter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * How many model calls this process makes, per agent and model, and how fast: the gate every call
 * to a provider passes, shared by the agents of one process.
 *
 * <ul>
 *   <li>Concurrency per agent and model, adaptive (Netflix concurrency-limits' AIMD): up to the
 *       configured limit, halved when the provider throttles, then grown again by one per call
 *       that succeeds with the limit in use; a call waits (up to {@code maxWait}) for a place, so a
 *       burst queues here instead of failing into the offline engine.
 *   <li>Emergency first: a CRITICAL call has a guaranteed share of the places ({@code
 *       emergencyShare}) that routine calls cannot take once the limit is reached.
 *   <li>Requests and tokens per minute per model id ({@link ModelRates}: Resilience4j rate limiters
 *       in this process by default, Bucket4j buckets in Redis shared by the fleet with {@code
 *       limits.shared=redis}), the quotas Bedrock counts per model and account: the tokens a call
 *       reserves are its prompt's estimate plus its maximum output, as Bedrock reserves them when a
 *       call starts.
 * </ul>
 *
 * Metrics, tagged {@code agent} and {@code model}: {@code soc.model.calls.in-flight}, {@code
 * soc.model.calls.waiting}, {@code soc.model.calls.limit} (gauges), {@code soc.model.calls.wait}
 * (timer), {@code soc.model.calls.throttled} and {@code soc.model.calls.over-quota} (counters).
 * Thread-safe; waiting blocks the calling (virtual) thread.
 */
public final class ModelCallGate {

    /** What a model may take, from its Bedrock quotas (Service Quotas: "On-demand InvokeModel ..."). */
    public record Quota(int concurrency, int requestsPerMinute, long tokensPerMinute) {

        public Quota {
            if (concurrency < 1 || requestsPerMinute < 1 || tokensPerMinute < 1) {
                throw new IllegalArgumentException("a model quota's concurrency, requests and tokens per minute"
                        + " must be positive, not " + concurrency + ", " + requestsPerMinute + ", " + tokensPerMinute);
            }
        }
    }

    /**
     * @param defaults the quota of a model without one of its own
     * @param models quotas by model id (or Bedrock agent alias)
     * @param agentConcurrency an agent's own concurrency limit on any model, below the model's
     * @param emergencyShare the part of each limit kept for CRITICAL calls (0 to 0.5)
     * @param maxWait how long a call may wait for its place and its rate permits
     * @param slowCall a call slower than this counts as a drop (halves the limit), as a throttle does
     */
    public record Settings(
            Quota defaults,
            Map<String, Quota> models,
            Map<AgentName, Integer> agentConcurrency,
            double emergencyShare,
            Duration maxWait,
            Duration slowCall) {

        public Settings {
            Objects.requireNonNull(defaults, "defaults");
            models = Map.copyOf(models);
            agentConcurrency = Map.copyOf(agentConcurrency);
            if (!(emergencyShare >= 0 && emergencyShare <= 0.5)) {
                throw new IllegalArgumentException("emergencyShare must be between 0 and 0.5, not " + emergencyShare);
            }
            if (maxWait.isNegative() || maxWait.isZero() || maxWait.compareTo(BlockingLimiter.MAX_TIMEOUT) > 0) {
                throw new IllegalArgumentException("maxWait must be between 0 and 1 h, not " + maxWait);
            }
            Objects.requireNonNull(slowCall, "slowCall");
        }

        Quota quotaOf(String modelId) {
            return models.getOrDefault(modelId, defaults);
        }
    }

    static final String EMERGENCY = "emergency";
    static final String ROUTINE = "routine";

    private final Settings settings;
    private final MeterRegistry meters;
    private final ModelRates rates;
    private final Map<String, Places> places = new ConcurrentHashMap<>();

    /** A gate whose rates are this process's ({@link InMemoryModelRates}). */
    public ModelCallGate(Settings settings, MeterRegistry meters) {
        this(settings, new InMemoryModelRates(), meters);
    }

    /** A gate whose models' requests and tokens per minute are kept by {@code rates} (the fleet's, in Redis). */
    public ModelCallGate(Settings settings, ModelRates rates, MeterRegistry meters) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.rates = Objects.requireNonNull(rates, "rates");
        this.meters = Objects.requireNonNull(meters, "meters");
    }

    /**
     * Makes {@code call} once the agent has a place for {@code modelId} and the model's rates allow
     * it.
     *
     * @param reservedTokens the tokens the call may use (prompt estimate plus maximum output)
     * @throws ModelInvocationException OVER_QUOTA when the call waited {@code maxWait} in vain; what
     *     {@code call} throws otherwise
     */
    public <T> T call(ModelRequest request, String modelId, long reservedTokens, Supplier<T> call) {
        Places agentPlaces = places.computeIfAbsent(
                request.agent().name() + '\u0000' + modelId, key -> new Places(request.agent(), modelId));
        String partition = request.severity() == Severity.CRITICAL ? EMERGENCY : ROUTINE;
        Limiter.Listener place = agentPlaces.acquire(partition);
        try {
            acquireRates(request, modelId, reservedTokens, agentPlaces);
            long started = System.nanoTime();
            T result = call.get();
            if (System.nanoTime() - started > settings.slowCall().toNanos()) {
                place.onDropped();
            } else {
                place.onSuccess();
            }
            place = null;
            return result;
        } catch (ModelInvocationException e) {
            if (e.kind() == ModelInvocationException.Kind.THROTTLED) {
                agentPlaces.throttled.increment();
                place.onDropped(); // AIMD: the limit halves
                place = null;
            }
            throw e;
        } finally {
            if (place != null) {
                place.onIgnore();
            }
            agentPlaces.inFlight.decrementAndGet();
        }
    }

    private void acquireRates(ModelRequest request, String modelId, long reservedTokens, Places agentPlaces) {
        Quota quota = settings.quotaOf(modelId);
        // A call larger than one period's tokens takes the whole period rather than never running.
        long reserve = Math.max(1, Math.min(reservedTokens, ModelRates.tokensPerPeriod(quota)));
        if (!rates.acquire(modelId, quota, reserve, settings.maxWait())) {
            agentPlaces.overQuota.increment();
            throw new ModelInvocationException(
                    ModelInvocationException.Kind.OVER_QUOTA,
                    request.agent().displayName() + ": the model's requests or tokens per minute allowed no call"
                            + " within " + settings.maxWait(),
                    null);
        }
    }

    /** Where the models' requests and tokens per minute are counted. */
    public ModelRates rates() {
        return rates;
    }

    /**
     * Where an agent's calls to one model stand: for the agents' status.
     *
     * @param limiterWaits calls so far that waited for a place (longer than {@link #WAITED})
     */
    public record PlaceStatus(
            String agent,
            String model,
            int limit,
            int inFlight,
            int waiting,
            long limiterWaits,
            long throttled,
            long overQuota) {}

    /** A call that took longer than this to get its place waited for it (the uncontended path takes microseconds). */
    static final Duration WAITED = Duration.ofMillis(1);

    /** Every agent and model that called so far, by agent then model. */
    public List<PlaceStatus> status() {
        return places.values().stream()
                .map(Places::status)
                .sorted(java.util.Comparator.comparing(PlaceStatus::agent).thenComparing(PlaceStatus::model))
                .toList();
    }

    /** The current concurrency limit of an agent on a model (it adapts), or the configured one before any call. */
    public int limit(AgentName agent, String modelId) {
        Places existing = places.get(agent.name() + '\u0000' + modelId);
        return existing == null ? configuredLimit(agent, modelId) : existing.limiter.getLimit();
    }

    private int configuredLimit(AgentName agent, String modelId) {
        int model = settings.quotaOf(modelId).concurrency();
        return Math.min(model, settings.agentConcurrency().getOrDefault(agent, model));
    }

    /** One agent's places on one model. */
    private final class Places {
        private final String agentName;
        private final String modelId;

        private final AbstractLimiter<String> limiter;
        private final BlockingLimiter<String> blocking;
        private final AtomicInteger inFlight = new AtomicInteger();
        private final AtomicInteger waiting = new AtomicInteger();
        private final java.util.concurrent.atomic.LongAdder waited = new java.util.concurrent.atomic.LongAdder();
        private final Timer waits;
        private final Counter throttled;
        private final Counter overQuota;

        Places(AgentName agent, String modelId) {
            this.agentName = agent.displayName();
            this.modelId = modelId;
            int limit = configuredLimit(agent, modelId);
            PartitionedBuilder builder = new PartitionedBuilder()
                    .named(agent.displayName() + "/" + modelId)
                    .limit(AIMDLimit.newBuilder()
                            .initialLimit(limit)
                            .maxLimit(limit)
                            .minLimit(1)
                            .backoffRatio(0.5)
                            // slow calls are judged by the gate (settings.slowCall), not by AIMD's 5 s default
                            .timeout(1, TimeUnit.HOURS)
                            .build())
                    .partitionResolver(partition -> partition);
            if (settings.emergencyShare() > 0) {
                builder.partition(EMERGENCY, settings.emergencyShare())
                        .partition(ROUTINE, 1.0 - settings.emergencyShare());
            } else {
                builder.partition(ROUTINE, 1.0);
            }
            this.limiter = (AbstractLimiter<String>) builder.build();
            this.blocking = BlockingLimiter.wrap(limiter, settings.maxWait());
            String name = agent.displayName();
            Gauge.builder("soc.model.calls.in-flight", inFlight, AtomicInteger::get)
                    .tags("agent", name, "model", modelId)
                    .description("Model calls under way")
                    .register(meters);
            Gauge.builder("soc.model.calls.waiting", waiting, AtomicInteger::get)
                    .tags("agent", name, "model", modelId)
                    .description("Model calls waiting for a place or a rate permit")
                    .register(meters);
            Gauge.builder("soc.model.calls.limit", limiter, AbstractLimiter::getLimit)
                    .tags("agent", name, "model", modelId)
                    .description("The adaptive concurrency limit")
                    .register(meters);
            this.waits = Timer.builder("soc.model.calls.wait")
                    .tags("agent", name, "model", modelId)
                    .description("Time a model call waited for its place and rate permits")
                    .register(meters);
            this.throttled = Counter.builder("soc.model.calls.throttled")
                    .tags("agent", name, "model", modelId)
                    .description("Calls the provider throttled")
                    .register(meters);
            this.overQuota = Counter.builder("soc.model.calls.over-quota")
                    .tags("agent", name, "model", modelId)
                    .description("Calls that waited longer than allowed and were not made")
                    .register(meters);
        }

        PlaceStatus status() {
            return new PlaceStatus(
                    agentName,
                    modelId,
                    limiter.getLimit(),
                    inFlight.get(),
                    waiting.get(),
                    waited.sum(),
                    (long) throttled.count(),
                    (long) overQuota.count());
        }

        Limiter.Listener acquire(String partition) {
            long start = System.nanoTime();
            waiting.incrementAndGet();
            Optional<Limiter.Listener> place;
            try {
                place = blocking.acquire(partition);
            } finally {
                waiting.decrementAndGet();
                long elapsed = System.nanoTime() - start;
                waits.record(elapsed, TimeUnit.NANOSECONDS);
                if (elapsed > WAITED.toNanos()) {
                    waited.increment();
                }
            }
            if (place.isEmpty()) {
                overQuota.increment();
                throw new ModelInvocationException(
                        ModelInvocationException.Kind.OVER_QUOTA,
                        "no place for a model call within " + settings.maxWait() + " (limit " + limiter.getLimit()
                                + ")",
                        null);
            }
            inFlight.incrementAndGet();
            return place.get();
        }
    }

    private static final class PartitionedBuilder
            extends AbstractPartitionedLimiter.Builder<PartitionedBuilder, String> {
        @Override
        protected PartitionedBuilder self() {
            return this;
        }
    }
}
