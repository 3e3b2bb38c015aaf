package ai.socagent.agentruntime.config;

import ai.socagent.agentruntime.adapter.out.bedrock.BedrockAgentsModel;
import ai.socagent.agentruntime.adapter.out.bedrock.BedrockClients;
import ai.socagent.agentruntime.adapter.out.bedrock.BedrockConverseModel;
import ai.socagent.agentruntime.adapter.out.redis.RedisModelRates;
import ai.socagent.agentruntime.adapter.out.redis.RedisResponseCache;
import ai.socagent.agentruntime.adapter.out.redis.RedisTokenLedger;
import ai.socagent.agentruntime.budget.InMemoryTokenLedger;
import ai.socagent.agentruntime.budget.TokenBudget;
import ai.socagent.agentruntime.budget.TokenLedger;
import ai.socagent.agentruntime.model.AgentModelStatus;
import ai.socagent.agentruntime.model.AgentOutputPolicy;
import ai.socagent.agentruntime.model.CachingModelPort;
import ai.socagent.agentruntime.model.GatedLanguageModel;
import ai.socagent.agentruntime.model.InMemoryModelRates;
import ai.socagent.agentruntime.model.LanguageModel;
import ai.socagent.agentruntime.model.ModelCallGate;
import ai.socagent.agentruntime.model.ModelPort;
import ai.socagent.agentruntime.model.ModelRates;
import ai.socagent.agentruntime.model.OfflineModelPort;
import ai.socagent.agentruntime.model.OutputPolicy;
import ai.socagent.agentruntime.model.ResilientModelPort;
import ai.socagent.agentruntime.model.SharedResponseCache;
import ai.socagent.agentruntime.prompt.OutputValidator;
import ai.socagent.agentruntime.prompt.PromptBuilder;
import ai.socagent.domain.agent.AgentName;
import com.github.benmanes.caffeine.cache.Ticker;
import io.awspring.cloud.autoconfigure.AwsAsyncClientCustomizer;
import io.awspring.cloud.autoconfigure.AwsSyncClientCustomizer;
import io.awspring.cloud.autoconfigure.core.AwsAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.AwsClientBuilderConfigurer;
import io.awspring.cloud.autoconfigure.core.AwsConnectionDetails;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.services.bedrockagentruntime.BedrockAgentRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

/**
 * Wires the agent runtime from {@code soc.agent-runtime.*} ({@link AgentRuntimeProperties}):
 *
 * <ul>
 *   <li>{@link TokenLedger}: in memory, or Redis ({@code budget.ledger=redis}) shared by the fleet;
 *       {@link TokenBudget} over it. Redis is the application's one connection ({@code
 *       spring.data.redis.*}), shared with the response cache and the context store's cache tiers.
 *   <li>{@link ModelPort}: in {@code offline} mode (the default) an {@link OfflineModelPort}, no
 *       network; in {@code converse} / {@code agents} mode a {@link CachingModelPort} (L1 Caffeine,
 *       L2 Redis with {@code cache.redis.enabled=true}) over a {@link ResilientModelPort} over
 *       {@link BedrockConverseModel} or {@link BedrockAgentsModel} (the aliases of {@code
 *       environment}).
 *   <li>{@link OutputPolicy}: per agent, {@link OutputPolicy#byAgent} over the {@link
 *       AgentOutputPolicy} beans the agents' services contribute (two for one agent fail the
 *       start); the runtime itself knows no agent's rules.
 *   <li>{@link ModelCallGate} over {@link ModelRates}: the models' requests and tokens per minute in
 *       this process ({@code limits.shared=memory}, the default) or shared by the fleet in Redis
 *       ({@code limits.shared=redis}, {@link RedisModelRates}: one more connection of the
 *       application's Redis client).
 * </ul>
 *
 * Every bean backs off when the application defines its own. The Bedrock clients are built through
 * spring-cloud-aws's {@link AwsClientBuilderConfigurer}: endpoint, region and credentials from {@code
 * spring.cloud.aws.*} like every other AWS client of the fleet, per client {@code
 * spring.cloud.aws.bedrock-runtime.*} / {@code spring.cloud.aws.bedrock-agent-runtime.*} ({@link
 * BedrockClientProperties}); call timeout and no SDK retries from {@link BedrockClients}.
 */
@AutoConfiguration(after = AwsAutoConfiguration.class)
@EnableConfigurationProperties(AgentRuntimeProperties.class)
public class AgentRuntimeAutoConfiguration {

    private static final String PREFIX = AgentRuntimeProperties.PREFIX;

    @Bean
    @ConditionalOnMissingBean
    TokenLedger tokenLedger(
            AgentRuntimeProperties properties, ObjectProvider<Clock> clock, ObjectProvider<StringRedisTemplate> redis) {
        AgentRuntimeProperties.Budget budget = properties.budget();
        if (budget.ledger() == AgentRuntimeProperties.Ledger.MEMORY) {
            return new InMemoryTokenLedger(clock.getIfUnique(Clock::systemUTC));
        }
        return new RedisTokenLedger(sharedRedis(redis, PREFIX + ".budget.ledger=redis"), budget.keyPrefix());
    }

    /** The application's one Redis connection (spring.data.redis.*), as Spring Boot's string template. */
    private static StringRedisTemplate sharedRedis(ObjectProvider<StringRedisTemplate> redis, String feature) {
        StringRedisTemplate template = redis.getIfUnique();
        if (template == null) {
            throw new IllegalStateException(feature + " needs the application's Redis connection (spring.data.redis.*:"
                    + " one connection factory and its StringRedisTemplate)");
        }
        return template;
    }

    @Bean
    @ConditionalOnMissingBean
    TokenBudget tokenBudget(
            AgentRuntimeProperties properties,
            TokenLedger ledger,
            ObjectProvider<Clock> clock,
            ObjectProvider<MeterRegistry> meters) {
        AgentRuntimeProperties.Budget budget = properties.budget();
        return new TokenBudget(
                budget.daily(),
                budget.perInvestigation(),
                budget.investigationTtl(),
                ledger,
                clock.getIfUnique(Clock::systemUTC),
                registry(meters));
    }

    @Bean
    @ConditionalOnMissingBean
    OutputPolicy agentOutputPolicy(ObjectProvider<AgentOutputPolicy> contributed) {
        Map<AgentName, OutputPolicy> policies = new EnumMap<>(AgentName.class);
        contributed.orderedStream().forEach(policy -> {
            if (policies.putIfAbsent(policy.agent(), policy.policy()) != null) {
                throw new IllegalStateException("two output policies for "
                        + policy.agent().displayName() + ": one AgentOutputPolicy bean per agent");
            }
        });
        return OutputPolicy.byAgent(policies);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = PREFIX, name = "mode", havingValue = "offline", matchIfMissing = true)
    ModelPort offlineModelPort(ObjectProvider<MeterRegistry> meters) {
        return new OfflineModelPort(registry(meters));
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = PREFIX + ".cache.redis", name = "enabled", havingValue = "true")
    SharedResponseCache sharedResponseCache(
            AgentRuntimeProperties properties, ObjectProvider<StringRedisTemplate> redis) {
        return new RedisResponseCache(
                sharedRedis(redis, PREFIX + ".cache.redis.enabled=true"),
                properties.cache().redis().keyPrefix());
    }

    /** How long the shared limits skip connecting after a failed connect, and how often their errors are logged. */
    static final Duration QUOTA_STORE_RETRY_INTERVAL = Duration.ofSeconds(5);

    /** Process-local rate limits ({@code limits.shared=memory}, the default). */
    @Bean
    @ConditionalOnMissingBean(ModelRates.class)
    @ConditionalOnProperty(prefix = PREFIX + ".limits", name = "shared", havingValue = "memory", matchIfMissing = true)
    ModelRates inMemoryModelRates() {
        return new InMemoryModelRates();
    }

    /**
     * The fleet's rate limits ({@code limits.shared=redis}): one more connection of the application's
     * Redis client (the {@code spring.data.redis.*} Lettuce connection factory), closed with the context.
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(ModelRates.class)
    @ConditionalOnProperty(prefix = PREFIX + ".limits", name = "shared", havingValue = "redis")
    RedisModelRates redisModelRates(
            AgentRuntimeProperties properties,
            ObjectProvider<RedisConnectionFactory> connectionFactory,
            ObjectProvider<MeterRegistry> meters) {
        RedisConnectionFactory factory = connectionFactory.getIfUnique();
        if (!(factory instanceof LettuceConnectionFactory lettuce)) {
            throw new IllegalStateException(PREFIX + ".limits.shared=redis needs the application's Redis connection"
                    + " (spring.data.redis.*: one Lettuce connection factory), not " + factory);
        }
        return RedisModelRates.over(
                lettuce,
                new InMemoryModelRates(),
                properties.limits().keyPrefix(),
                QUOTA_STORE_RETRY_INTERVAL,
                registry(meters));
    }

    /** The gate every model call of this process passes (per agent and model; quotas per model). */
    @Bean
    @ConditionalOnMissingBean
    ModelCallGate modelCallGate(
            AgentRuntimeProperties properties, ModelRates rates, ObjectProvider<MeterRegistry> meters) {
        return new ModelCallGate(properties.limits().settings(), rates, registry(meters));
    }

    /** The model part of the agents' status: the mode, the gate's figures, the breaker's state. */
    @Bean
    @ConditionalOnMissingBean
    AgentModelStatus agentModelStatus(AgentRuntimeProperties properties, ModelCallGate gate, ModelPort modelPort) {
        return new AgentModelStatus(properties.mode().name().toLowerCase(java.util.Locale.ROOT), gate, modelPort);
    }

    /**
     * The agents' model calls in {@code /actuator/info} ({@code modelCalls}): per agent and model the
     * adaptive limit, calls in flight and waiting, throttles and calls over quota.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(InfoContributor.class)
    static class ModelCallStatus {

        @Bean
        @ConditionalOnMissingBean(name = "modelCallsInfoContributor")
        InfoContributor modelCallsInfoContributor(ModelCallGate gate) {
            return info -> info.withDetail("modelCalls", gate.status());
        }
    }

    /** A model port with the gate, resilience, budget, policy and cache layers over {@code model}. */
    static ModelPort layered(
            LanguageModel ungated,
            ModelCallGate gate,
            AgentRuntimeProperties properties,
            TokenBudget budget,
            OutputPolicy policy,
            Optional<SharedResponseCache> l2,
            MeterRegistry meters) {
        LanguageModel model = new GatedLanguageModel(ungated, gate);
        ModelPort resilient = new ResilientModelPort(
                model,
                new PromptBuilder(),
                new OutputValidator(),
                budget,
                properties.resilience().settings(),
                meters,
                policy);
        AgentRuntimeProperties.Cache cache = properties.cache();
        if (!cache.enabled()) {
            return resilient;
        }
        return new CachingModelPort(
                resilient,
                cache.ttl(),
                cache.maximumSize(),
                Ticker.systemTicker(),
                meters,
                l2.orElse(null),
                cache.redis().retryInterval());
    }

    static MeterRegistry registry(ObjectProvider<MeterRegistry> meters) {
        return meters.getIfUnique(() -> Metrics.globalRegistry);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = PREFIX, name = "mode", havingValue = "converse")
    static class Converse {

        @Bean
        @ConfigurationProperties("spring.cloud.aws.bedrock-runtime")
        BedrockClientProperties bedrockRuntimeClientProperties() {
            return new BedrockClientProperties();
        }

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        BedrockRuntimeClient bedrockRuntimeClient(
                AgentRuntimeProperties properties,
                AwsClientBuilderConfigurer configurer,
                @Qualifier("bedrockRuntimeClientProperties") BedrockClientProperties client,
                ObjectProvider<AwsConnectionDetails> connectionDetails,
                ObjectProvider<AwsSyncClientCustomizer> syncCustomizers) {
            var builder = configurer.configureSyncClient(
                    BedrockRuntimeClient.builder(),
                    client,
                    connectionDetails.getIfAvailable(),
                    null,
                    syncCustomizers.orderedStream());
            // Apache's default pool (50 connections) would cap the gate's limits: every agent of the
            // process may keep its limit in flight on one model.
            builder.httpClientBuilder(Apache5HttpClient.builder()
                    .maxConnections(
                            BedrockClients.connectionsFor(properties.limits().largestConcurrency())));
            return BedrockClients.forThePort(builder, properties.resilience().callTimeout())
                    .build();
        }

        @Bean
        @ConditionalOnMissingBean
        ModelPort bedrockConverseModelPort(
                AgentRuntimeProperties properties,
                BedrockRuntimeClient client,
                ModelCallGate gate,
                TokenBudget budget,
                OutputPolicy policy,
                ObjectProvider<SharedResponseCache> l2,
                ObjectProvider<MeterRegistry> meters) {
            AgentRuntimeProperties.Models models = properties.models();
            return layered(
                    new BedrockConverseModel(client, models.routing(), models.maxOutputTokens()),
                    gate,
                    properties,
                    budget,
                    policy,
                    Optional.ofNullable(l2.getIfAvailable()),
                    registry(meters));
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = PREFIX, name = "mode", havingValue = "agents")
    static class Agents {

        @Bean
        @ConfigurationProperties("spring.cloud.aws.bedrock-agent-runtime")
        BedrockClientProperties bedrockAgentRuntimeClientProperties() {
            return new BedrockClientProperties();
        }

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        BedrockAgentRuntimeAsyncClient bedrockAgentRuntimeAsyncClient(
                AgentRuntimeProperties properties,
                AwsClientBuilderConfigurer configurer,
                @Qualifier("bedrockAgentRuntimeClientProperties") BedrockClientProperties client,
                ObjectProvider<AwsConnectionDetails> connectionDetails,
                ObjectProvider<AwsAsyncClientCustomizer> asyncCustomizers) {
            var builder = configurer.configureAsyncClient(
                    BedrockAgentRuntimeAsyncClient.builder(),
                    client,
                    connectionDetails.getIfAvailable(),
                    null,
                    asyncCustomizers.orderedStream());
            return BedrockClients.forThePort(builder, properties.resilience().callTimeout())
                    .build();
        }

        @Bean
        @ConditionalOnMissingBean
        ModelPort bedrockAgentsModelPort(
                AgentRuntimeProperties properties,
                BedrockAgentRuntimeAsyncClient client,
                ModelCallGate gate,
                TokenBudget budget,
                OutputPolicy policy,
                ObjectProvider<SharedResponseCache> l2,
                ObjectProvider<MeterRegistry> meters) {
            Map<AgentName, BedrockAgentsModel.AgentAlias> aliases = new EnumMap<>(AgentName.class);
            properties
                    .aliasesOfEnvironment()
                    .forEach((agent, alias) ->
                            aliases.put(agent, new BedrockAgentsModel.AgentAlias(alias.agentId(), alias.aliasId())));
            return layered(
                    new BedrockAgentsModel(client, aliases),
                    gate,
                    properties,
                    budget,
                    policy,
                    Optional.ofNullable(l2.getIfAvailable()),
                    registry(meters));
        }
    }
}
