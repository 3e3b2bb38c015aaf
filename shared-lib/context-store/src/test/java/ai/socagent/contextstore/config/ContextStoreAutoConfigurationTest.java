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
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
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
            runner().withPropertyValues("soc.context-store.backend=dynamodb")
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
}
