package ai.socagent.agentruntime.config;

import ai.socagent.agentruntime.budget.TokenBudget;
import ai.socagent.agentruntime.model.ModelCallGate;
import ai.socagent.agentruntime.model.ModelRouting;
import ai.socagent.agentruntime.model.ResilienceSettings;
import ai.socagent.domain.agent.AgentName;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the agent runtime ({@code soc.agent-runtime.*}). The Bedrock clients' endpoint, region
 * and credentials are spring-cloud-aws's ({@code spring.cloud.aws.*}, per client {@code
 * spring.cloud.aws.bedrock-runtime.*} and {@code spring.cloud.aws.bedrock-agent-runtime.*}).
 *
 * @param mode {@code offline} (default: the offline engine answers, no network), {@code converse}
 *     (Bedrock Converse, model per agent and severity) or {@code agents} (Bedrock Agents, one
 *     agent alias per agent and environment)
 * @param models model ids of Converse mode
 * @param environment picks the agent aliases of this environment from {@code agents}; default
 *     {@code local}
 * @param agents per environment, per agent: the Bedrock agent id and alias id ({@code
 *     agents.<environment>.<agent-name>.agent-id / alias-id}); switching an environment's alias is
 *     how a new agent version is rolled out
 * @param resilience timeouts, retries and circuit breaker
 * @param budget token budgets
 * @param cache the model response cache
 * @param limits how many model calls run at once, per agent and model, and the models' quotas
 */
@Validated
@ConfigurationProperties("soc.agent-runtime")
public record AgentRuntimeProperties(
        Mode mode,
        @Valid Models models,
        @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,31}") String environment,
        Map<String, Map<AgentName, @Valid AgentAlias>> agents,
        @Valid Resilience resilience,
        @Valid Budget budget,
        @Valid Cache cache,
        @Valid Limits limits) {

    static final String PREFIX = "soc.agent-runtime";

    public AgentRuntimeProperties {
        mode = mode == null ? Mode.OFFLINE : mode;
        models = models == null ? new Models(null, null, null, null) : models;
        environment = environment == null ? "local" : environment;
        agents = agents == null ? Map.of() : copy(agents);
        resilience = resilience == null ? new Resilience(null, null, null, null, null, null, null, null) : resilience;
        budget = budget == null ? new Budget(null, null, null, null, null) : budget;
        cache = cache == null ? new Cache(null, null, null, null) : cache;
        limits = limits == null ? new Limits(null, null, null, null, null, null, null, null) : limits;
        if (mode == Mode.AGENTS) {
            requireAliasesOf(environment, agents);
        }
    }

    public enum Mode {
        OFFLINE,
        CONVERSE,
        AGENTS
    }

    /** The aliases of the current environment, by agent. */
    public Map<AgentName, AgentAlias> aliasesOfEnvironment() {
        return agents.getOrDefault(environment, Map.of());
    }

    private static Map<String, Map<AgentName, AgentAlias>> copy(Map<String, Map<AgentName, AgentAlias>> agents) {
        Map<String, Map<AgentName, AgentAlias>> copy = new LinkedHashMap<>();
        agents.forEach((env, aliases) -> {
            Map<AgentName, AgentAlias> byAgent = new EnumMap<>(AgentName.class);
            if (aliases != null) {
                byAgent.putAll(aliases);
            }
            copy.put(env, Map.copyOf(byAgent));
        });
        return Map.copyOf(copy);
    }

    private static void requireAliasesOf(String environment, Map<String, Map<AgentName, AgentAlias>> agents) {
        Map<AgentName, AgentAlias> aliases = agents.getOrDefault(environment, Map.of());
        String missing = Arrays.stream(AgentName.values())
                .filter(agent -> {
                    AgentAlias alias = aliases.get(agent);
                    return alias == null || blank(alias.agentId()) || blank(alias.aliasId());
                })
                .map(AgentRuntimeProperties::kebab)
                .collect(Collectors.joining(", "));
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(PREFIX + ".mode=agents needs an agent id and an alias id for every"
                    + " agent in environment '" + environment + "' (" + PREFIX + ".agents." + environment
                    + ".<agent>.agent-id / alias-id); missing for: " + missing);
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** {@code threat-classifier} for THREAT_CLASSIFIER. */
    static String kebab(AgentName agent) {
        return agent.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /**
     * @param fast the fast model (triage, LOW and INFORMATIONAL); default Claude 3.5 Haiku
     * @param deep the deep model (deep agents, CRITICAL); default Claude 3.5 Sonnet
     * @param deepAgents agents on the deep model from MEDIUM up; default Investigation and
     *     RootCauseAnalysis
     * @param maxOutputTokens the Converse {@code maxTokens}; default 1024
     */
    public record Models(
            String fast,
            String deep,
            Set<AgentName> deepAgents,
            @Positive Integer maxOutputTokens) {
        public Models {
            ModelRouting defaults = ModelRouting.defaults();
            fast = fast == null || fast.isBlank() ? defaults.fastModelId() : fast;
            deep = deep == null || deep.isBlank() ? defaults.deepModelId() : deep;
            deepAgents = deepAgents == null ? defaults.deepAgents() : Set.copyOf(deepAgents);
            maxOutputTokens = maxOutputTokens == null ? 1024 : maxOutputTokens;
        }

        public ModelRouting routing() {
            return new ModelRouting(fast, deep, deepAgents);
        }
    }

    /** One deployed Bedrock agent: its id and the alias serving this environment. */
    public record AgentAlias(String agentId, String aliasId) {}

    /**
     * @param callTimeout the SDK API call timeout of one model call; default 30 s
     * @param maxAttempts attempts per call when throttled, the first included; default 4
     * @param initialBackoff first wait before a retry; default 500 ms
     * @param backoffMultiplier growth of the wait; default 2
     * @param jitter randomisation of each wait, [0, 1); default 0.5
     * @param failureRateThreshold percentage of failed calls that opens the breaker; default 50
     * @param minimumCalls calls before the breaker may open; default 10
     * @param openWait how long the breaker stays open; default 30 s
     */
    public record Resilience(
            Duration callTimeout,
            @Positive Integer maxAttempts,
            Duration initialBackoff,
            @DecimalMin("1.0") Double backoffMultiplier,

            @DecimalMin("0.0") @DecimalMax(value = "1.0", inclusive = false)
            Double jitter,

            @DecimalMin(value = "0.0", inclusive = false) @DecimalMax("100.0")
            Float failureRateThreshold,

            @Positive Integer minimumCalls,
            Duration openWait) {
        public Resilience {
            ResilienceSettings defaults = ResilienceSettings.defaults();
            callTimeout = callTimeout == null ? Duration.ofSeconds(30) : callTimeout;
            maxAttempts = maxAttempts == null ? defaults.maxAttempts() : maxAttempts;
            initialBackoff = initialBackoff == null ? defaults.initialBackoff() : initialBackoff;
            backoffMultiplier = backoffMultiplier == null ? defaults.backoffMultiplier() : backoffMultiplier;
            jitter = jitter == null ? defaults.jitter() : jitter;
            failureRateThreshold =
                    failureRateThreshold == null ? defaults.failureRateThreshold() : failureRateThreshold;
            minimumCalls = minimumCalls == null ? defaults.minimumCalls() : minimumCalls;
            openWait = openWait == null ? defaults.openWait() : openWait;
        }

        public ResilienceSettings settings() {
            return new ResilienceSettings(
                    maxAttempts,
                    initialBackoff,
                    backoffMultiplier,
                    jitter,
                    failureRateThreshold,
                    minimumCalls,
                    openWait);
        }
    }

    /**
     * @param daily tokens per UTC day for everything sharing the ledger; default 5,000,000
     * @param perInvestigation tokens per investigation; default 200,000
     * @param investigationTtl how long an investigation's counter lives after its last call;
     *     default 30 days
     * @param ledger {@code memory} (default, this JVM) or {@code redis} (shared by the fleet, over
     *     the application's one Redis connection, {@code spring.data.redis.*})
     * @param keyPrefix prefix of the ledger's Redis keys; default {@code soc:token-budget:}
     */
    public record Budget(
            @Positive Long daily,
            @Positive Long perInvestigation,
            Duration investigationTtl,
            Ledger ledger,
            String keyPrefix) {
        public Budget {
            daily = daily == null ? 5_000_000L : daily;
            perInvestigation = perInvestigation == null ? 200_000L : perInvestigation;
            investigationTtl = investigationTtl == null ? TokenBudget.DEFAULT_INVESTIGATION_TTL : investigationTtl;
            ledger = ledger == null ? Ledger.MEMORY : ledger;
            keyPrefix = keyPrefix == null ? "soc:token-budget:" : keyPrefix;
        }
    }

    public enum Ledger {
        MEMORY,
        REDIS
    }

    /**
     * @param enabled put the response cache in front of the model (converse and agents modes);
     *     default true
     * @param ttl how long an answer is served from the cache (both tiers); default 1 hour
     * @param maximumSize answers kept in this JVM (L1); default 10,000
     * @param redis the shared L2 tier
     */
    public record Cache(
            Boolean enabled,
            Duration ttl,
            @Positive Long maximumSize,
            @Valid Redis redis) {
        public Cache {
            enabled = enabled == null ? Boolean.TRUE : enabled;
            ttl = ttl == null ? Duration.ofHours(1) : ttl;
            maximumSize = maximumSize == null ? 10_000L : maximumSize;
            redis = redis == null ? new Redis(false, null, null) : redis;
        }
    }

    /**
     * @param enabled use Redis as the shared L2 tier, over the application's one Redis connection
     *     ({@code spring.data.redis.*}; command timeout {@code spring.data.redis.timeout}, default
     *     100 ms)
     * @param retryInterval how long L2 is skipped after an error; default 5 s
     * @param keyPrefix prefix of the cache's Redis keys; default {@code soc:model-response:}
     */
    public record Redis(boolean enabled, Duration retryInterval, String keyPrefix) {
        public Redis {
            retryInterval = retryInterval == null ? Duration.ofSeconds(5) : retryInterval;
            keyPrefix = keyPrefix == null ? "soc:model-response:" : keyPrefix;
        }
    }

    /**
     * The model-call gate ({@link ModelCallGate}): each agent's concurrent calls per model, adaptive
     * (halved when Bedrock throttles, grown back one at a time), and each model's requests and tokens
     * per minute, shared by the agents of the process.
     *
     * @param defaults the quota of a model not in {@code models}: 16 calls at once, 100 requests and
     *     200,000 tokens per minute (the on-demand Claude quotas AWS published for new accounts; an
     *     account's own are in Service Quotas, "On-demand InvokeModel requests / tokens per minute
     *     for ${model}"): 100 requests a minute at about 10 s a call keep some 16 in flight
     * @param models quotas by model id or agent alias ({@code limits.models.[anthropic.claude-3-5-haiku-20241022-v1:0].concurrency})
     * @param agents an agent's own concurrency on any model, below the model's ({@code limits.agents.threat-classifier=8})
     * @param emergencyShare the part of each limit kept for CRITICAL calls; default 0.2
     * @param maxWait how long a call may wait for its place and rate permits before the offline
     *     engine answers; default 2 min
     * @param slowCall a call slower than this halves the limit as a throttle does; default 30 s
     * @param shared where the models' requests and tokens per minute are counted: {@code memory}
     *     (default, this process) or {@code redis} (the fleet, over one more connection of the
     *     application's Redis client, {@code spring.data.redis.*}; this process's limits while Redis
     *     is unreachable)
     * @param keyPrefix prefix of the shared limits' Redis keys; default {@code soc:model-quota:}
     */
    public record Limits(
            @Valid Quota defaults,
            Map<String, @Valid Quota> models,
            Map<AgentName, @Positive Integer> agents,
            @DecimalMin("0.0") @DecimalMax("0.5") Double emergencyShare,
            Duration maxWait,
            Duration slowCall,
            SharedLimits shared,

            @Pattern(regexp = "\\S+", message = "must be a non-blank key prefix without spaces")
            String keyPrefix) {
        static final Quota BUILT_IN = new Quota(16, 100, 200_000L);

        public Limits {
            defaults = defaults == null ? BUILT_IN : defaults.orElse(BUILT_IN);
            Quota complete = defaults;
            Map<String, Quota> resolved = new LinkedHashMap<>();
            if (models != null) {
                models.forEach((model, quota) -> resolved.put(model, quota.orElse(complete)));
            }
            models = Map.copyOf(resolved);
            agents = agents == null ? Map.of() : Map.copyOf(agents);
            emergencyShare = emergencyShare == null ? 0.2 : emergencyShare;
            maxWait = maxWait == null ? Duration.ofMinutes(2) : maxWait;
            slowCall = slowCall == null ? Duration.ofSeconds(30) : slowCall;
            shared = shared == null ? SharedLimits.MEMORY : shared;
            keyPrefix = keyPrefix == null ? "soc:model-quota:" : keyPrefix;
        }

        public ModelCallGate.Settings settings() {
            Map<String, ModelCallGate.Quota> quotas = new LinkedHashMap<>();
            models.forEach((model, quota) -> quotas.put(model, quota.gateQuota()));
            return new ModelCallGate.Settings(defaults.gateQuota(), quotas, agents, emergencyShare, maxWait, slowCall);
        }

        /** The most calls at once any agent may make on any one model. */
        public int largestConcurrency() {
            int largest = defaults.concurrency();
            for (Quota quota : models.values()) {
                largest = Math.max(largest, quota.concurrency());
            }
            return largest;
        }
    }

    /** Where the models' requests and tokens per minute are counted. */
    public enum SharedLimits {
        MEMORY,
        REDIS
    }

    /**
     * A model's quota; what is not set comes from {@code limits.defaults}.
     *
     * @param concurrency calls of one agent at once
     * @param requestsPerMinute the model's requests per minute
     * @param tokensPerMinute the model's tokens per minute (input and output)
     */
    public record Quota(
            @Positive Integer concurrency,
            @Positive Integer requestsPerMinute,
            @Positive Long tokensPerMinute) {

        Quota orElse(Quota other) {
            return new Quota(
                    concurrency != null ? concurrency : other.concurrency(),
                    requestsPerMinute != null ? requestsPerMinute : other.requestsPerMinute(),
                    tokensPerMinute != null ? tokensPerMinute : other.tokensPerMinute());
        }

        ModelCallGate.Quota gateQuota() {
            return new ModelCallGate.Quota(concurrency, requestsPerMinute, tokensPerMinute);
        }
    }
}
