package ai.socagent.contextstore.config;

import static org.assertj.core.api.Assertions.assertThat;

import ai.socagent.contextstore.AgentContextEntry;
import ai.socagent.contextstore.AgentContextRepository;
import ai.socagent.contextstore.ContextStore;
import ai.socagent.contextstore.ContextTables;
import ai.socagent.contextstore.GlobalContextRepository;
import ai.socagent.contextstore.InvestigationContextRepository;
import ai.socagent.contextstore.adapter.out.dynamodb.DynamoDbContextStore;
import ai.socagent.contextstore.adapter.out.embedded.EmbeddedContextStore;
import ai.socagent.contextstore.adapter.out.redis.RedisL2Cache;
import ai.socagent.contextstore.cache.CachingContextStore;
import ai.socagent.contextstore.cache.CaffeineL1Cache;
import ai.socagent.contextstore.cache.ContextCache;
import ai.socagent.contextstore.cache.TieredContextCache;
import ai.socagent.observability.MetricNames;
import ai.socagent.observability.MetricTags;
import ai.socagent.redis.config.FailFastRedisAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class ContextStoreAutoConfigurationTest {

    @TempDir
    Path directory;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ContextStoreAutoConfiguration.class))
                .withPropertyValues("soc.context-store.embedded.file=" + directory.resolve("store.mv"));
    }

    @Test
    void defaults_giveAnEmbeddedStoreOfTheLocalEnvironmentAndItsRepositories() {
        runner().run(context -> {
            assertThat(context).hasSingleBean(EmbeddedContextStore.class);
            assertThat(context).hasSingleBean(GlobalContextRepository.class);
            assertThat(context).hasSingleBean(InvestigationContextRepository.class);
            assertThat(context).hasSingleBean(AgentContextRepository.class);
            assertThat(context.getBean(ContextTables.class).nameOf(ContextTables.GLOBAL))
                    .isEqualTo("local-GlobalContextTable");
        });
    }

    @Test
    void environment_property_prefixesTheTableNames() {
        runner().withPropertyValues("soc.context-store.environment=dev")
                .run(context -> assertThat(
                                context.getBean(ContextStore.class).tables().names())
                        .containsExactly(
                                "dev-GlobalContextTable", "dev-InvestigationContextTable", "dev-AgentContextTable"));
    }

    @Test
    void environment_notUsableInATableName_failsTheStartup() {
        runner().withPropertyValues("soc.context-store.environment=Dev Env").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure())
                    .hasStackTraceContaining("soc.context-store.environment")
                    .hasStackTraceContaining("must match");
        });
    }

    @Test
    void embeddedStore_closedWithTheContext_keepsItsEntriesForTheNextStart() {
        Instant at = Instant.parse("2026-11-26T12:00:00Z");
        runner().run(context -> context.getBean(AgentContextRepository.class)
                .create(AgentContextEntry.of("agent", "s", at, "{}")
                        .withExpiresAt(Instant.parse("2999-01-01T00:00:00Z"))));

        runner().run(context -> assertThat(
                        context.getBean(AgentContextRepository.class).find("agent", "s", at))
                .isPresent());
    }

    @Test
    void dynamodbBackend_withAClientBean_givesTheDynamoDbStore() {
        try (DynamoDbClient client = DynamoDbClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:9"))
                .region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .build()) {
            // archive.backend=local: no S3Client here (the S3 archive's wiring is
            // ContextArchiveAutoConfigurationTest's)
            runner().withPropertyValues("soc.context-store.backend=dynamodb", "soc.context-store.archive.backend=local")
                    .withBean(DynamoDbClient.class, () -> client)
                    .run(context -> {
                        assertThat(context).hasSingleBean(DynamoDbContextStore.class);
                        assertThat(context).doesNotHaveBean(EmbeddedContextStore.class);
                    });
        }
    }

    @Test
    void applicationStore_present_backsTheStoreOff() {
        ContextStore own = EmbeddedContextStore.open(directory.resolve("own.mv"), ContextTables.forEnvironment("own"));
        runner().withBean(ContextStore.class, () -> own).run(context -> {
            assertThat(context).getBean(ContextStore.class).isSameAs(own);
            assertThat(context.getBean(GlobalContextRepository.class)).isSameAs(own.global());
        });
    }

    @Test
    void cacheEnabled_wrapsTheStoreInL1AndCountsHitsInTheMeterRegistry() {
        Instant at = Instant.parse("2026-11-26T12:00:00Z");
        runner().withPropertyValues(
                        "soc.context-store.cache.enabled=true", "soc.context-store.cache.l1.maximum-size=50")
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .run(context -> {
                    assertThat(context).getBean(ContextStore.class).isInstanceOf(CachingContextStore.class);
                    assertThat(((CachingContextStore) context.getBean(ContextStore.class)).delegate())
                            .isInstanceOf(EmbeddedContextStore.class);
                    assertThat(context).doesNotHaveBean(ContextCache.class);
                    AgentContextRepository agents = context.getBean(AgentContextRepository.class);
                    agents.create(AgentContextEntry.of("agent", "s", at, "{}")
                            .withExpiresAt(Instant.parse("2999-01-01T00:00:00Z")));

                    assertThat(agents.find("agent", "s", at)).isPresent();
                    assertThat(context.getBean(MeterRegistry.class)
                                    .get(MetricNames.CONTEXT_CACHE_HIT_RATE)
                                    .tag(MetricTags.TIER, "L1")
                                    .tag(MetricTags.RESULT, "hit")
                                    .counter()
                                    .count())
                            .isEqualTo(1);
                });
    }

    @Test
    void cacheDisabledByDefault_leavesTheStoreUnwrapped() {
        runner().run(context -> {
            assertThat(context).doesNotHaveBean(TieredContextCache.class);
            assertThat(context).getBean(ContextStore.class).isNotInstanceOf(CachingContextStore.class);
        });
    }

    @Test
    void l2Enabled_overTheSharedRedisConnection_givesARedisL2ThatDoesNotConnectAtStartup() {
        runner().withConfiguration(
                        AutoConfigurations.of(FailFastRedisAutoConfiguration.class, DataRedisAutoConfiguration.class))
                .withPropertyValues(
                        "soc.context-store.cache.enabled=true",
                        "soc.context-store.cache.l2.enabled=true",
                        "spring.data.redis.url=redis://127.0.0.1:9",
                        "spring.data.redis.timeout=50ms")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).getBean(ContextCache.class).isInstanceOf(RedisL2Cache.class);
                    assertThat(((RedisL2Cache) context.getBean(ContextCache.class)).connectionFactory())
                            .isSameAs(context.getBean(RedisConnectionFactory.class));
                    Instant at = Instant.parse("2026-11-26T12:00:00Z");
                    AgentContextRepository agents = context.getBean(AgentContextRepository.class);
                    agents.create(AgentContextEntry.of("agent", "s", at, "{}")
                            .withExpiresAt(Instant.parse("2999-01-01T00:00:00Z")));
                    assertThat(agents.find("agent", "s", at)).isPresent();
                    assertThat(context.getBean(TieredContextCache.class).l2Bypassed())
                            .isTrue();
                });
    }

    @Test
    void l2Enabled_withoutARedisConnection_failsTheStartup() {
        runner().withPropertyValues("soc.context-store.cache.enabled=true", "soc.context-store.cache.l2.enabled=true")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure())
                            .hasStackTraceContaining("needs the application's Redis connection (spring.data.redis.*");
                });
    }

    @Test
    void sharedRedisConnection_isMadeFailFast() {
        new ApplicationContextRunner()
                .withConfiguration(
                        AutoConfigurations.of(FailFastRedisAutoConfiguration.class, DataRedisAutoConfiguration.class))
                .run(context -> {
                    LettuceConnectionFactory factory = context.getBean(LettuceConnectionFactory.class);
                    var client = factory.getClientConfiguration();
                    assertThat(client.getCommandTimeout()).isEqualTo(FailFastRedisAutoConfiguration.COMMAND_TIMEOUT);
                    var options = client.getClientOptions().orElseThrow();
                    assertThat(options.getDisconnectedBehavior())
                            .isEqualTo(io.lettuce.core.ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
                    assertThat(options.getSocketOptions().getConnectTimeout())
                            .isEqualTo(FailFastRedisAutoConfiguration.CONNECT_TIMEOUT);
                    assertThat(client.getClientResources()
                                    .orElseThrow()
                                    .reconnectDelay()
                                    .createDelay(20))
                            .isEqualTo(FailFastRedisAutoConfiguration.MAX_RECONNECT_DELAY);
                });
        new ApplicationContextRunner()
                .withConfiguration(
                        AutoConfigurations.of(FailFastRedisAutoConfiguration.class, DataRedisAutoConfiguration.class))
                .withPropertyValues("spring.data.redis.timeout=2s", "spring.data.redis.connect-timeout=3s")
                .run(context -> {
                    var client = context.getBean(LettuceConnectionFactory.class).getClientConfiguration();
                    assertThat(client.getCommandTimeout()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(client.getClientOptions()
                                    .orElseThrow()
                                    .getSocketOptions()
                                    .getConnectTimeout())
                            .isEqualTo(Duration.ofSeconds(3));
                });
    }

    @Test
    void applicationCacheTiers_present_backTheTiersOffAndAreUsed() {
        TieredContextCache own = new TieredContextCache(
                new CaffeineL1Cache(10, Duration.ofSeconds(30), Clock.systemUTC()),
                null,
                Duration.ofMinutes(1),
                Duration.ofSeconds(1),
                Clock.systemUTC(),
                new SimpleMeterRegistry());
        runner().withPropertyValues("soc.context-store.cache.enabled=true")
                .withBean(TieredContextCache.class, () -> own)
                .run(context -> assertThat(((CachingContextStore) context.getBean(ContextStore.class)).cache())
                        .isSameAs(own));
    }

    @Test
    void daxUrl_withTheDynamoDbBackend_givesTheStoreADaxClientBesideTheApplicationsOwn() {
        try (DynamoDbClient client = DynamoDbClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:9"))
                .region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .build()) {
            runner().withPropertyValues(
                            "soc.context-store.backend=dynamodb",
                            "soc.context-store.archive.backend=local",
                            "soc.context-store.dynamodb.dax-url=dax://127.0.0.1:9")
                    .withBean(DynamoDbClient.class, () -> client)
                    .run(context -> {
                        assertThat(context).hasNotFailed();
                        assertThat(context).hasSingleBean(DynamoDbClient.class);
                        assertThat(context.getBean(ContextStoreDax.class).client())
                                .isInstanceOf(software.amazon.dax.ClusterDaxClient.class);
                    });
        }
    }

    @Test
    void noDaxUrl_leavesDaxOff() {
        runner().run(context -> assertThat(context).doesNotHaveBean(ContextStoreDax.class));
    }
}
