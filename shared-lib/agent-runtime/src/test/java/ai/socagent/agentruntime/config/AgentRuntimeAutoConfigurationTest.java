package ai.socagent.agentruntime.config;

import static org.assertj.core.api.Assertions.assertThat;

import ai.socagent.agentruntime.SampleAgentContract;
import ai.socagent.agentruntime.adapter.out.redis.RedisModelRates;
import ai.socagent.agentruntime.budget.InMemoryTokenLedger;
import ai.socagent.agentruntime.budget.TokenBudget;
import ai.socagent.agentruntime.budget.TokenLedger;
import ai.socagent.agentruntime.model.AgentModelStatus;
import ai.socagent.agentruntime.model.AgentOutputPolicy;
import ai.socagent.agentruntime.model.CachingModelPort;
import ai.socagent.agentruntime.model.InMemoryModelRates;
import ai.socagent.agentruntime.model.ModelCallGate;
import ai.socagent.agentruntime.model.ModelPort;
import ai.socagent.agentruntime.model.ModelRates;
import ai.socagent.agentruntime.model.ModelRequest;
import ai.socagent.agentruntime.model.ModelRouting;
import ai.socagent.agentruntime.model.OfflineModelPort;
import ai.socagent.agentruntime.model.OutputPolicy;
import ai.socagent.agentruntime.model.ResilientModelPort;
import ai.socagent.agentruntime.model.SharedResponseCache;
import ai.socagent.domain.Severity;
import ai.socagent.domain.agent.AgentName;
import ai.socagent.redis.config.FailFastRedisAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.AwsAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.CredentialsProviderAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.RegionProviderAutoConfiguration;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.bedrockagentruntime.BedrockAgentRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import tools.jackson.databind.json.JsonMapper;

class AgentRuntimeAutoConfigurationTest {

    private static final String[] ALL_AGENTS_IN_PROD = {
        "soc.agent-runtime.agents.prod.threat-classifier.agent-id=AGTC",
        "soc.agent-runtime.agents.prod.threat-classifier.alias-id=PRODTC2",
        "soc.agent-runtime.agents.prod.threat-intelligence.agent-id=AGTI",
        "soc.agent-runtime.agents.prod.threat-intelligence.alias-id=PRODTI",
        "soc.agent-runtime.agents.prod.investigation.agent-id=AGIN",
        "soc.agent-runtime.agents.prod.investigation.alias-id=PRODIN",
        "soc.agent-runtime.agents.prod.root-cause-analysis.agent-id=AGRC",
        "soc.agent-runtime.agents.prod.root-cause-analysis.alias-id=PRODRC",
        "soc.agent-runtime.agents.prod.response-orchestration.agent-id=AGRO",
        "soc.agent-runtime.agents.prod.response-orchestration.alias-id=PRODRO",
        "soc.agent-runtime.agents.dev.threat-classifier.agent-id=AGTC",
        "soc.agent-runtime.agents.dev.threat-classifier.alias-id=CANARY",
    };

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        AwsAutoConfiguration.class,
                        CredentialsProviderAutoConfiguration.class,
                        RegionProviderAutoConfiguration.class,
                        AgentRuntimeAutoConfiguration.class))
                .withPropertyValues("spring.cloud.aws.region.static=us-east-1")
                .withBean(
                        AwsCredentialsProvider.class,
                        () -> StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")));
    }

    @Test
    void defaults_areTheOfflineModeWithAnInMemoryBudgetAndNoBedrockClient() {
        runner().run(context -> {
            assertThat(context).hasSingleBean(ModelPort.class);
            assertThat(context.getBean(ModelPort.class)).isInstanceOf(OfflineModelPort.class);
            assertThat(context).hasSingleBean(TokenBudget.class);
            assertThat(context.getBean(TokenLedger.class)).isInstanceOf(InMemoryTokenLedger.class);
            assertThat(context).hasSingleBean(OutputPolicy.class);
            assertThat(context).doesNotHaveBean(BedrockRuntimeClient.class);
            assertThat(context).doesNotHaveBean(BedrockAgentRuntimeAsyncClient.class);
            assertThat(context).doesNotHaveBean(SharedResponseCache.class);
            AgentRuntimeProperties properties = context.getBean(AgentRuntimeProperties.class);
            assertThat(properties.mode()).isEqualTo(AgentRuntimeProperties.Mode.OFFLINE);
            assertThat(properties.models().routing()).isEqualTo(ModelRouting.defaults());
            assertThat(properties.budget().investigationTtl()).isEqualTo(Duration.ofDays(30));
        });
    }

    @Test
    void converseMode_givesTheCachedResilientConversePortOnTheConfiguredEndpoint() {
        runner().withPropertyValues(
                        "soc.agent-runtime.mode=converse",
                        "spring.cloud.aws.bedrock-runtime.region=eu-west-1",
                        "spring.cloud.aws.bedrock-runtime.endpoint=http://127.0.0.1:9",
                        "soc.agent-runtime.models.fast=fast-model",
                        "soc.agent-runtime.models.deep=deep-model",
                        "soc.agent-runtime.budget.daily=1000",
                        "soc.agent-runtime.resilience.max-attempts=2")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(ModelPort.class)).isInstanceOf(CachingModelPort.class);
                    BedrockRuntimeClient client = context.getBean(BedrockRuntimeClient.class);
                    assertThat(client.serviceClientConfiguration().region().id())
                            .isEqualTo("eu-west-1");
                    assertThat(client.serviceClientConfiguration().endpointOverride())
                            .hasValue(URI.create("http://127.0.0.1:9"));
                    AgentRuntimeProperties properties = context.getBean(AgentRuntimeProperties.class);
                    assertThat(properties.models().routing().fastModelId()).isEqualTo("fast-model");
                    assertThat(properties.resilience().settings().maxAttempts()).isEqualTo(2);
                    assertThat(context).doesNotHaveBean(BedrockAgentRuntimeAsyncClient.class);
                });
    }

    @Test
    void bedrockClients_followTheFleetsOneEndpointRegionAndCredentialsSettings() {
        String[] fleet = {
            "spring.cloud.aws.endpoint=http://127.0.0.1:15566",
            "spring.cloud.aws.region.static=eu-central-1",
            "spring.cloud.aws.credentials.access-key=fleet-key",
            "spring.cloud.aws.credentials.secret-key=fleet-secret"
        };
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        AwsAutoConfiguration.class,
                        CredentialsProviderAutoConfiguration.class,
                        RegionProviderAutoConfiguration.class,
                        AgentRuntimeAutoConfiguration.class))
                .withPropertyValues(fleet)
                .withPropertyValues("soc.agent-runtime.mode=converse")
                .run(context -> {
                    var settings = context.getBean(BedrockRuntimeClient.class).serviceClientConfiguration();
                    assertThat(settings.endpointOverride()).hasValue(URI.create("http://127.0.0.1:15566"));
                    assertThat(settings.region().id()).isEqualTo("eu-central-1");
                    assertThat(settings.credentialsProvider()
                                    .resolveIdentity()
                                    .join()
                                    .accessKeyId())
                            .isEqualTo("fleet-key");
                    assertThat(settings.overrideConfiguration().apiCallTimeout())
                            .hasValue(Duration.ofSeconds(30));
                });
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        AwsAutoConfiguration.class,
                        CredentialsProviderAutoConfiguration.class,
                        RegionProviderAutoConfiguration.class,
                        AgentRuntimeAutoConfiguration.class))
                .withPropertyValues(fleet)
                .withPropertyValues(ALL_AGENTS_IN_PROD)
                .withPropertyValues("soc.agent-runtime.mode=agents", "soc.agent-runtime.environment=prod")
                .run(context -> {
                    var settings = context.getBean(BedrockAgentRuntimeAsyncClient.class)
                            .serviceClientConfiguration();
                    assertThat(settings.endpointOverride()).hasValue(URI.create("http://127.0.0.1:15566"));
                    assertThat(settings.region().id()).isEqualTo("eu-central-1");
                });
    }

    @Test
    void limits_bindPerModelAndPerAgentAndDefaultToTheDocumentedQuotas() {
        runner().run(context -> assertThat(
                        context.getBean(ModelCallGate.class).limit(AgentName.INVESTIGATION, "any-model"))
                .isEqualTo(16));
        runner().withPropertyValues(
                        "soc.agent-runtime.mode=converse",
                        "soc.agent-runtime.limits.defaults.concurrency=100",
                        // (a model id's ':' cannot be written in TestPropertyValues; '\\:' in a .properties file)
                        "soc.agent-runtime.models.deep=example.deep-model-v1",
                        "soc.agent-runtime.limits.models.[example.deep-model-v1].concurrency=4",
                        "soc.agent-runtime.limits.agents.threat-intelligence=7")
                .run(context -> {
                    ModelCallGate gate = context.getBean(ModelCallGate.class);
                    assertThat(gate.limit(AgentName.THREAT_CLASSIFIER, ModelRouting.CLAUDE_35_HAIKU))
                            .isEqualTo(100);
                    assertThat(gate.limit(AgentName.THREAT_CLASSIFIER, "example.deep-model-v1"))
                            .isEqualTo(4);
                    assertThat(gate.limit(AgentName.THREAT_INTELLIGENCE, ModelRouting.CLAUDE_35_HAIKU))
                            .isEqualTo(7);
                });
        runner().withPropertyValues("soc.agent-runtime.limits.emergency-share=0.9")
                .run(context -> assertThat(context).hasFailed());
    }

    @Test
    void modelCalls_areInTheInfoEndpointPerAgentAndModel() {
        runner().run(context -> {
            ModelCallGate gate = context.getBean(ModelCallGate.class);
            gate.call(
                    new ai.socagent.agentruntime.model.ModelRequest(
                            AgentName.THREAT_CLASSIFIER,
                            "inv-1",
                            tools.jackson.databind.json.JsonMapper.builder()
                                    .build()
                                    .createObjectNode(),
                            ai.socagent.agentruntime.SampleAgentContract.schema(),
                            ai.socagent.domain.Severity.HIGH),
                    ModelRouting.CLAUDE_35_HAIKU,
                    100,
                    () -> "answer");
            org.springframework.boot.actuate.info.Info.Builder info =
                    new org.springframework.boot.actuate.info.Info.Builder();
            context.getBean("modelCallsInfoContributor", org.springframework.boot.actuate.info.InfoContributor.class)
                    .contribute(info);

            assertThat(info.build().getDetails().get("modelCalls"))
                    .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                    .singleElement()
                    .isEqualTo(new ModelCallGate.PlaceStatus(
                            "ThreatClassifier", ModelRouting.CLAUDE_35_HAIKU, 16, 0, 0, 0, 0, 0));
        });
    }

    @Test
    void agentModelStatus_isTheModeAndPerModelTheGatesFiguresAndTheBreakersState() {
        runner().withPropertyValues("soc.agent-runtime.mode=converse").run(context -> {
            ModelCallGate gate = context.getBean(ModelCallGate.class);
            gate.call(
                    new ai.socagent.agentruntime.model.ModelRequest(
                            AgentName.THREAT_CLASSIFIER,
                            "inv-1",
                            tools.jackson.databind.json.JsonMapper.builder()
                                    .build()
                                    .createObjectNode(),
                            ai.socagent.agentruntime.SampleAgentContract.schema(),
                            ai.socagent.domain.Severity.HIGH),
                    ModelRouting.CLAUDE_35_HAIKU,
                    100,
                    () -> "answer");
            AgentModelStatus status = context.getBean(AgentModelStatus.class);

            assertThat(status.mode()).isEqualTo("converse");
            assertThat(status.models(AgentName.THREAT_CLASSIFIER))
                    .containsExactly(new ai.socagent.domain.agent.AgentStatus.ModelCalls(
                            ModelRouting.CLAUDE_35_HAIKU, 0, 16, 0, 0, 0, 0, java.util.Optional.of("CLOSED")));
            assertThat(status.models(AgentName.INVESTIGATION)).isEmpty();
        });
        runner().run(context ->
                assertThat(context.getBean(AgentModelStatus.class).mode()).isEqualTo("offline"));
    }

    @Test
    void converseMode_withoutCache_isTheResilientPortItself() {
        runner().withPropertyValues("soc.agent-runtime.mode=converse", "soc.agent-runtime.cache.enabled=false")
                .run(context -> assertThat(context.getBean(ModelPort.class)).isInstanceOf(ResilientModelPort.class));
    }

    @Test
    void agentsMode_bindsTheAliasesOfTheChosenEnvironment() {
        runner().withPropertyValues(ALL_AGENTS_IN_PROD)
                .withPropertyValues("soc.agent-runtime.mode=agents", "soc.agent-runtime.environment=prod")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).hasSingleBean(BedrockAgentRuntimeAsyncClient.class);
                    assertThat(context.getBean(ModelPort.class)).isInstanceOf(CachingModelPort.class);
                    AgentRuntimeProperties properties = context.getBean(AgentRuntimeProperties.class);
                    assertThat(properties.aliasesOfEnvironment()).hasSize(5);
                    assertThat(properties.aliasesOfEnvironment().get(AgentName.THREAT_CLASSIFIER))
                            .isEqualTo(new AgentRuntimeProperties.AgentAlias("AGTC", "PRODTC2"));
                    assertThat(properties
                                    .agents()
                                    .get("dev")
                                    .get(AgentName.THREAT_CLASSIFIER)
                                    .aliasId())
                            .isEqualTo("CANARY");
                });
    }

    @Test
    void agentsMode_environmentWithoutEveryAlias_failsTheStartupNamingWhatIsMissing() {
        runner().withPropertyValues(ALL_AGENTS_IN_PROD)
                .withPropertyValues("soc.agent-runtime.mode=agents", "soc.agent-runtime.environment=dev")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure())
                            .hasStackTraceContaining("soc.agent-runtime.mode=agents needs an agent id and an alias id")
                            .hasStackTraceContaining("environment 'dev'")
                            .hasStackTraceContaining(
                                    "missing for: threat-intelligence, investigation, root-cause-analysis,"
                                            + " response-orchestration");
                });
    }

    @Test
    void agentsMode_aliasWithoutAliasId_failsTheStartup() {
        runner().withPropertyValues(ALL_AGENTS_IN_PROD)
                .withPropertyValues(
                        "soc.agent-runtime.mode=agents",
                        "soc.agent-runtime.environment=prod",
                        "soc.agent-runtime.agents.prod.investigation.alias-id=")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).hasStackTraceContaining("missing for: investigation");
                });
    }

    @Test
    void limits_byDefault_areCountedInThisProcess() {
        runner().run(context -> {
            assertThat(context).getBean(ModelRates.class).isInstanceOf(InMemoryModelRates.class);
            assertThat(context.getBean(ModelCallGate.class).rates()).isSameAs(context.getBean(ModelRates.class));
            AgentRuntimeProperties.Limits limits =
                    context.getBean(AgentRuntimeProperties.class).limits();
            assertThat(limits.shared()).isEqualTo(AgentRuntimeProperties.SharedLimits.MEMORY);
            assertThat(limits.keyPrefix()).isEqualTo(RedisModelRates.DEFAULT_PREFIX);
        });
    }

    @Test
    void limitsSharedRedis_wiresTheRedisRatesOverTheApplicationsConnectionFactory() {
        runner().withConfiguration(
                        AutoConfigurations.of(FailFastRedisAutoConfiguration.class, DataRedisAutoConfiguration.class))
                // nothing connects at start-up: any address will do
                .withPropertyValues(
                        "spring.data.redis.url=redis://127.0.0.1:1",
                        "soc.agent-runtime.limits.shared=redis",
                        "soc.agent-runtime.limits.key-prefix=fleet:quota:")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).hasSingleBean(LettuceConnectionFactory.class);
                    RedisModelRates rates = context.getBean(RedisModelRates.class);
                    assertThat(context.getBean(ModelCallGate.class).rates()).isSameAs(rates);
                    assertThat(rates.redisKey("m", "requests")).isEqualTo("fleet:quota:m:requests");
                    assertThat(rates.connected()).isFalse();
                });
    }

    @Test
    void invalidSettings_failTheStartup() {
        runner().withPropertyValues("soc.agent-runtime.limits.shared=redis")
                .run(context -> assertThat(context.getStartupFailure())
                        .hasStackTraceContaining("soc.agent-runtime.limits.shared=redis needs the application's"
                                + " Redis connection (spring.data.redis.*"));
        runner().withPropertyValues("soc.agent-runtime.limits.shared=everywhere")
                .run(context -> assertThat(context.getStartupFailure())
                        .hasStackTraceContaining("soc.agent-runtime.limits.shared"));
        runner().withPropertyValues("soc.agent-runtime.limits.key-prefix= ")
                .run(context -> assertThat(context.getStartupFailure()).hasStackTraceContaining("limits.keyPrefix"));
        runner().withPropertyValues("soc.agent-runtime.budget.daily=0")
                .run(context -> assertThat(context.getStartupFailure())
                        .hasStackTraceContaining("soc.agent-runtime.budget.daily"));
        runner().withPropertyValues("soc.agent-runtime.mode=converse", "soc.agent-runtime.cache.redis.enabled=true")
                .run(context -> assertThat(context.getStartupFailure())
                        .hasStackTraceContaining("soc.agent-runtime.cache.redis.enabled=true needs the application's"
                                + " Redis connection (spring.data.redis.*"));
        runner().withPropertyValues("soc.agent-runtime.budget.ledger=redis")
                .run(context -> assertThat(context.getStartupFailure())
                        .hasStackTraceContaining("soc.agent-runtime.budget.ledger=redis needs the application's"
                                + " Redis connection (spring.data.redis.*"));
    }

    @Test
    void applicationBeans_win() {
        ModelPort own = (request, offline) -> {
            throw new UnsupportedOperationException();
        };
        runner().withBean(ModelPort.class, () -> own)
                .withPropertyValues("soc.agent-runtime.mode=converse")
                .run(context -> assertThat(context.getBean(ModelPort.class)).isSameAs(own));
    }

    @Test
    void outputPolicy_withoutContributions_checksNothing() {
        runner().run(context -> assertThat(context.getBean(OutputPolicy.class)
                        .violations(request(AgentName.THREAT_CLASSIFIER), lowSeverityAnswer()))
                .isEmpty());
    }

    @Test
    void outputPolicy_contributedByAnAgentsService_checksThatAgentsRequestsOnly() {
        runner().withBean(
                        "sampleAgentOutputPolicy",
                        AgentOutputPolicy.class,
                        () -> new AgentOutputPolicy(AgentName.THREAT_CLASSIFIER, SampleAgentContract.severityFloor()))
                .run(context -> {
                    OutputPolicy policy = context.getBean(OutputPolicy.class);
                    assertThat(policy.violations(request(AgentName.THREAT_CLASSIFIER), lowSeverityAnswer()))
                            .singleElement()
                            .asString()
                            .contains("may not lower");
                    assertThat(policy.violations(request(AgentName.INVESTIGATION), lowSeverityAnswer()))
                            .isEmpty();
                });
    }

    @Test
    void outputPolicy_twoForOneAgent_failsTheStartNamingTheAgent() {
        runner().withBean(
                        "first",
                        AgentOutputPolicy.class,
                        () -> new AgentOutputPolicy(AgentName.THREAT_CLASSIFIER, OutputPolicy.NONE))
                .withBean(
                        "second",
                        AgentOutputPolicy.class,
                        () -> new AgentOutputPolicy(AgentName.THREAT_CLASSIFIER, OutputPolicy.NONE))
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("two output policies for ThreatClassifier"));
    }

    private static ModelRequest request(AgentName agent) {
        JsonMapper json = JsonMapper.builder().build();
        return new ModelRequest(agent, "inv-1", json.createObjectNode(), SampleAgentContract.schema(), Severity.HIGH);
    }

    private static tools.jackson.databind.JsonNode lowSeverityAnswer() {
        return JsonMapper.builder().build().createObjectNode().put("severity", "LOW");
    }
}
