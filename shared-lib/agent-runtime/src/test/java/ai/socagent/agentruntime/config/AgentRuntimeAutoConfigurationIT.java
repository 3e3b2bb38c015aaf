package ai.socagent.agentruntime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.socagent.agentruntime.SampleAgentContract;
import ai.socagent.agentruntime.adapter.out.redis.RedisModelRates;
import ai.socagent.agentruntime.adapter.out.redis.RedisResponseCache;
import ai.socagent.agentruntime.adapter.out.redis.RedisTokenLedger;
import ai.socagent.agentruntime.budget.TokenBudget;
import ai.socagent.agentruntime.budget.TokenLedger;
import ai.socagent.agentruntime.model.ModelCallGate;
import ai.socagent.agentruntime.model.ModelInvocationException;
import ai.socagent.agentruntime.model.ModelRequest;
import ai.socagent.agentruntime.model.SharedResponseCache;
import ai.socagent.domain.Severity;
import ai.socagent.domain.agent.AgentName;
import ai.socagent.redis.config.FailFastRedisAutoConfiguration;
import ai.socagent.testsupport.backends.TestBackends;
import io.awspring.cloud.autoconfigure.core.AwsAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.CredentialsProviderAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.RegionProviderAutoConfiguration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import tools.jackson.databind.json.JsonMapper;

/** The Redis beans of the auto-configuration against the real redis-server. */
class AgentRuntimeAutoConfigurationIT {

    @Test
    void redisLedgerAndCache_twoContexts_shareTheBudget() {
        String redis = TestBackends.redis().uri().toString();
        String prefix = TestBackends.uniqueName("ctx-budget") + ":";
        ApplicationContextRunner runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        RegionProviderAutoConfiguration.class,
                        CredentialsProviderAutoConfiguration.class,
                        AwsAutoConfiguration.class,
                        AgentRuntimeAutoConfiguration.class,
                        FailFastRedisAutoConfiguration.class,
                        DataRedisAutoConfiguration.class))
                .withPropertyValues(
                        "spring.cloud.aws.region.static=us-east-1",
                        "soc.agent-runtime.mode=converse",
                        "soc.agent-runtime.cache.redis.enabled=true",
                        "spring.data.redis.url=" + redis,
                        "spring.data.redis.timeout=1s",
                        "soc.agent-runtime.budget.ledger=redis",
                        "soc.agent-runtime.budget.key-prefix=" + prefix,
                        "soc.agent-runtime.budget.per-investigation=100");

        runner.run(first -> runner.run(second -> {
            assertThat(first).hasSingleBean(SharedResponseCache.class);
            assertThat(first).getBean(TokenLedger.class).isInstanceOf(RedisTokenLedger.class);
            RedisConnectionFactory shared = first.getBean(RedisConnectionFactory.class);
            assertThat(((RedisTokenLedger) first.getBean(TokenLedger.class))
                            .template()
                            .getConnectionFactory())
                    .isSameAs(shared);
            assertThat(((RedisResponseCache) first.getBean(SharedResponseCache.class))
                            .template()
                            .getConnectionFactory())
                    .isSameAs(shared);
            first.getBean(TokenBudget.class).record(AgentName.THREAT_CLASSIFIER, "inv-1", "m", 60, 40);

            assertThat(second.getBean(TokenBudget.class).exhaustion("inv-1"))
                    .hasValue("investigation token budget exhausted (100 of 100 tokens)");
        }));
    }

    @Test
    void sharedLimits_twoContexts_shareTheModelsRequestsPerSecondAndCloseTheirConnection() {
        String redis = TestBackends.redis().uri().toString();
        String prefix = TestBackends.uniqueName("ctx-quota") + ":";
        ApplicationContextRunner runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        RegionProviderAutoConfiguration.class,
                        CredentialsProviderAutoConfiguration.class,
                        AwsAutoConfiguration.class,
                        AgentRuntimeAutoConfiguration.class,
                        FailFastRedisAutoConfiguration.class,
                        DataRedisAutoConfiguration.class))
                .withPropertyValues(
                        "spring.cloud.aws.region.static=us-east-1",
                        "spring.data.redis.url=" + redis,
                        "spring.data.redis.timeout=1s",
                        "soc.agent-runtime.limits.shared=redis",
                        "soc.agent-runtime.limits.key-prefix=" + prefix,
                        // 120 a minute: 2 a second
                        "soc.agent-runtime.limits.defaults.requests-per-minute=120",
                        "soc.agent-runtime.limits.max-wait=200ms");
        List<RedisModelRates> opened = new ArrayList<>();

        runner.run(first -> runner.run(second -> {
            ModelCallGate one = first.getBean(ModelCallGate.class);
            ModelCallGate two = second.getBean(ModelCallGate.class);
            assertThat(one.call(request(), "m", 10, () -> "one")).isEqualTo("one");
            assertThat(two.call(request(), "m", 10, () -> "two")).isEqualTo("two");
            assertThatThrownBy(() -> one.call(request(), "m", 10, () -> "three"))
                    .isInstanceOfSatisfying(
                            ModelInvocationException.class,
                            e -> assertThat(e.kind()).isEqualTo(ModelInvocationException.Kind.OVER_QUOTA));
            opened.add(first.getBean(RedisModelRates.class));
            opened.add(second.getBean(RedisModelRates.class));
            assertThat(opened).allMatch(RedisModelRates::connected);
        }));

        assertThat(opened).noneMatch(RedisModelRates::connected);
    }

    private static ModelRequest request() {
        return new ModelRequest(
                AgentName.THREAT_CLASSIFIER,
                "inv-1",
                JsonMapper.builder().build().createObjectNode(),
                SampleAgentContract.schema(),
                Severity.HIGH);
    }
}
