package ai.socagent.knowledgebase.config;

import ai.socagent.knowledgebase.KnowledgeBase;
import ai.socagent.knowledgebase.adapter.out.lucene.LuceneKnowledgeBase;
import ai.socagent.knowledgebase.adapter.out.opensearch.OpenSearchKnowledgeBase;
import ai.socagent.knowledgebase.attack.AttackKnowledge;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires a {@link KnowledgeBase}: the embedded Lucene index by default ({@code
 * soc.knowledge-base.mode=embedded}, in {@code soc.knowledge-base.embedded.directory}), OpenSearch
 * with {@code soc.knowledge-base.mode=opensearch} ({@code soc.knowledge-base.opensearch.uri}). The
 * {@link KnowledgeBaseStartup} lifecycle then indexes, when the context starts, the shipped ATT&CK
 * extract (skipped when that release is already indexed) and the configured feeds. Every bean backs off when the application
 * defines its own; an {@link AttackKnowledge} bean of the application is used instead of the
 * shipped extract.
 */
@AutoConfiguration
@EnableConfigurationProperties(KnowledgeBaseProperties.class)
public class KnowledgeBaseAutoConfiguration {

    private static final String PREFIX = "soc.knowledge-base";

    @Bean
    @ConditionalOnMissingBean
    KnowledgeBaseStartup knowledgeBaseStartup(
            KnowledgeBase knowledgeBase, KnowledgeBaseProperties properties, ObjectProvider<AttackKnowledge> attack) {
        return KnowledgeBaseStartup.of(knowledgeBase, properties, () -> attack.getIfUnique(AttackKnowledge::embedded));
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = PREFIX, name = "mode", havingValue = "embedded", matchIfMissing = true)
    static class Embedded {

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        KnowledgeBase knowledgeBase(KnowledgeBaseProperties properties) {
            Path directory = properties.embedded().directory();
            try {
                Files.createDirectories(directory);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create the knowledge-base directory " + directory, e);
            }
            return LuceneKnowledgeBase.open(directory);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = PREFIX, name = "mode", havingValue = "opensearch")
    static class OpenSearch {

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        KnowledgeBase knowledgeBase(KnowledgeBaseProperties properties) {
            KnowledgeBaseProperties.OpenSearch settings = properties.opensearch();
            if (settings.uri() == null) {
                throw new IllegalStateException(
                        PREFIX + ".opensearch.uri must be set when " + PREFIX + ".mode=opensearch");
            }
            return OpenSearchKnowledgeBase.connect(
                    settings.uri(),
                    OpenSearchKnowledgeBase.Settings.of(settings.indexPrefix()).withReplicas(settings.replicas()));
        }
    }
}
