package ai.socagent.contextstore.config;

import ai.socagent.contextstore.AgentContextRepository;
import ai.socagent.contextstore.ContextStore;
import ai.socagent.contextstore.ContextTables;
import ai.socagent.contextstore.CursorCodec;
import ai.socagent.contextstore.GlobalContextRepository;
import ai.socagent.contextstore.InvestigationContextRepository;
import ai.socagent.contextstore.adapter.out.dynamodb.ContextTableProvisioner;
import ai.socagent.contextstore.adapter.out.dynamodb.DynamoDbContextStore;
import ai.socagent.contextstore.adapter.out.embedded.EmbeddedContextStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Wires a {@link ContextStore} and its three repositories: the embedded store by default, DynamoDB
 * with {@code soc.context-store.backend=dynamodb} (the {@link DynamoDbClient} bean comes from the
 * service, for example the spring-cloud-aws DynamoDB starter). Every bean backs off when the
 * application defines its own.
 */
@AutoConfiguration
@EnableConfigurationProperties(ContextStoreProperties.class)
public class ContextStoreAutoConfiguration {

    private static final String PREFIX = "soc.context-store";

    @Bean
    @ConditionalOnMissingBean
    ContextTables contextTables(ContextStoreProperties properties) {
        return ContextTables.forEnvironment(properties.environment());
    }

    @Bean
    @ConditionalOnMissingBean
    CursorCodec contextCursorCodec(ContextStoreProperties properties) {
        return properties.cursorSecret() == null
                ? CursorCodec.create()
                : CursorCodec.withSecret(properties.cursorSecret().getBytes(StandardCharsets.UTF_8));
    }

    @Bean
    @ConditionalOnMissingBean
    GlobalContextRepository globalContextRepository(ContextStore store) {
        return store.global();
    }

    @Bean
    @ConditionalOnMissingBean
    InvestigationContextRepository investigationContextRepository(ContextStore store) {
        return store.investigations();
    }

    @Bean
    @ConditionalOnMissingBean
    AgentContextRepository agentContextRepository(ContextStore store) {
        return store.agents();
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = PREFIX, name = "backend", havingValue = "embedded", matchIfMissing = true)
    static class Embedded {

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        ContextStore contextStore(
                ContextStoreProperties properties,
                ContextTables tables,
                CursorCodec cursors,
                ObjectProvider<Clock> clock) {
            return EmbeddedContextStore.open(
                    properties.embedded().file(), tables, clock.getIfUnique(Clock::systemUTC), cursors);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = PREFIX, name = "backend", havingValue = "dynamodb")
    static class DynamoDb {

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        ContextStore contextStore(
                ContextStoreProperties properties,
                DynamoDbClient client,
                ContextTables tables,
                CursorCodec cursors,
                ObjectProvider<Clock> clock) {
            if (properties.dynamodb().provisionTables()) {
                ContextTableProvisioner.create(client, tables).provision();
            }
            return DynamoDbContextStore.create(client, tables, clock.getIfUnique(Clock::systemUTC), cursors);
        }
    }
}
