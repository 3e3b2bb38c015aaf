package ai.socagent.services.threatclassifier.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.socagent.agentruntime.adapter.out.redis.RedisResponseCache;
import ai.socagent.agentruntime.adapter.out.redis.RedisTokenLedger;
import ai.socagent.agentruntime.budget.TokenLedger;
import ai.socagent.agentruntime.config.AgentRuntimeAutoConfiguration;
import ai.socagent.agentruntime.model.ModelAnswer;
import ai.socagent.agentruntime.model.SharedResponseCache;
import ai.socagent.contextstore.AgentContextEntry;
import ai.socagent.contextstore.AgentContextRepository;
import ai.socagent.contextstore.adapter.out.redis.RedisL2Cache;
import ai.socagent.contextstore.cache.CacheKey;
import ai.socagent.contextstore.cache.ContextCache;
import ai.socagent.contextstore.cache.TieredContextCache;
import ai.socagent.contextstore.config.ContextStoreAutoConfiguration;
import ai.socagent.redis.config.FailFastRedisAutoConfiguration;
import ai.socagent.testsupport.backends.TestBackends;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * One Redis connection (spring.data.redis.*) for the whole service: the context store's L2 cache,
 * the model response cache and the token ledger all use the one connection factory, against the
 * real redis-server; and with none of them enabled, nothing connects.
 */
class SharedRedisConnectionIT {

    @TempDir
    Path directory;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        ContextStoreAutoConfiguration.class,
                        FailFastRedisAutoConfiguration.class,
                        AgentRuntimeAutoConfiguration.class,
                        DataRedisAutoConfiguration.class))
                .withPropertyValues("soc.context-store.embedded.file=" + directory.resolve("store"));
    }

    @Test
    void cacheTiersResponseCacheAndTokenLedger_shareTheOneConnectionFactory_andWorkOnRedis() {
        String prefix = TestBackends.uniqueName("shared-redis") + ":";
        runner().withPropertyValues(
                        "spring.data.redis.url=" + TestBackends.redis().uri(),
                        "spring.data.redis.timeout=2s",
                        "soc.context-store.cache.enabled=true",
                        "soc.context-store.cache.l2.enabled=true",
                        "soc.agent-runtime.cache.redis.enabled=true",
                        "soc.agent-runtime.cache.redis.key-prefix=" + prefix + "response:",
                        "soc.agent-runtime.budget.ledger=redis",
                        "soc.agent-runtime.budget.key-prefix=" + prefix + "budget:")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(RedisConnectionFactory.class);
                    RedisConnectionFactory shared = context.getBean(RedisConnectionFactory.class);
                    RedisL2Cache l2 = (RedisL2Cache) context.getBean(ContextCache.class);
                    RedisResponseCache responses = (RedisResponseCache) context.getBean(SharedResponseCache.class);
                    RedisTokenLedger ledger = (RedisTokenLedger) context.getBean(TokenLedger.class);
                    assertThat(l2.connectionFactory()).isSameAs(shared);
                    assertThat(responses.template().getConnectionFactory()).isSameAs(shared);
                    assertThat(ledger.template().getConnectionFactory()).isSameAs(shared);

                    assertThat(ledger.add("investigation:inv-1", 40, Duration.ofMinutes(5)))
                            .isEqualTo(40);
                    assertThat(ledger.add("investigation:inv-1", 2, Duration.ofMinutes(5)))
                            .isEqualTo(42);
                    ModelAnswer answer = new ModelAnswer(
                            JsonNodeFactory.instance.objectNode().put("v", 1),
                            "model",
                            1,
                            2,
                            Duration.ofMillis(3),
                            "trace",
                            Optional.empty());
                    responses.put("request-1", answer, Duration.ofMinutes(5));
                    assertThat(responses.get("request-1"))
                            .hasValueSatisfying(stored ->
                                    assertThat(stored.output().get("v").asInt()).isEqualTo(1));
                    Instant at = Instant.parse("2026-12-02T12:00:00Z");
                    AgentContextEntry entry = AgentContextEntry.of("agent", prefix, at, "{}")
                            .withExpiresAt(Instant.parse("2999-01-01T00:00:00Z"));
                    CacheKey key = new CacheKey("shared-redis-it", prefix, "s");
                    l2.store(key, entry, Duration.ofMinutes(5));
                    assertThat(l2.get(key)).contains(entry);
                    // and through the store: written, then read back with L2 in use
                    AgentContextRepository agents = context.getBean(AgentContextRepository.class);
                    AgentContextEntry created = agents.create(entry);
                    assertThat(agents.find("agent", prefix, at)).contains(created);
                    assertThat(context.getBean(TieredContextCache.class).l2Bypassed())
                            .isFalse();
                });
    }

    @Test
    void noRedisFeatureEnabled_nothingConnects() throws Exception {
        try (ServerSocket redis = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            runner().withPropertyValues("spring.data.redis.port=" + redis.getLocalPort())
                    .run(context -> {
                        assertThat(context).hasNotFailed();
                        assertThat(context).doesNotHaveBean(ContextCache.class);
                        assertThat(context).doesNotHaveBean(SharedResponseCache.class);
                        assertThat(context).getBean(TokenLedger.class).isNotInstanceOf(RedisTokenLedger.class);
                        context.getBean(AgentContextRepository.class)
                                .create(AgentContextEntry.of("agent", "s", Instant.now(), "{}"));
                    });
            redis.setSoTimeout(300);
            assertThatThrownBy(redis::accept).isInstanceOf(SocketTimeoutException.class);
        }
    }
}
