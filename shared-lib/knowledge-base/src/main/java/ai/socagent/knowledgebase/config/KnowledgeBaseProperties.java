package ai.socagent.knowledgebase.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the knowledge base ({@code soc.knowledge-base.*}).
 *
 * @param mode {@code embedded} (default, standalone mode: Apache Lucene on local disk) or {@code
 *     opensearch}
 * @param embedded the embedded index's directory
 * @param opensearch the OpenSearch node and index names
 * @param loadAttackOnStartup index the shipped ATT&CK extract at start-up unless the same release
 *     is already indexed (default true)
 * @param feeds STIX 2.1 bundles ({@code .json}) and CSV feeds ({@code .csv}) loaded at every
 *     start-up (upserts), in order; none by default
 */
@ConfigurationProperties("soc.knowledge-base")
public record KnowledgeBaseProperties(
        Mode mode, Embedded embedded, OpenSearch opensearch, Boolean loadAttackOnStartup, List<Path> feeds) {

    public KnowledgeBaseProperties {
        mode = Objects.requireNonNullElse(mode, Mode.EMBEDDED);
        embedded = Objects.requireNonNullElseGet(embedded, () -> new Embedded(null));
        opensearch = Objects.requireNonNullElseGet(opensearch, () -> new OpenSearch(null, null, null));
        loadAttackOnStartup = Objects.requireNonNullElse(loadAttackOnStartup, Boolean.TRUE);
        feeds = List.copyOf(Objects.requireNonNullElse(feeds, List.of()));
    }

    public enum Mode {
        EMBEDDED,
        OPENSEARCH
    }

    /** @param directory the Lucene index directory; default {@code data/knowledge-base} under the working directory */
    public record Embedded(Path directory) {
        public Embedded {
            directory = Objects.requireNonNullElse(directory, Path.of("data", "knowledge-base"));
        }
    }

    /**
     * @param uri the node, {@code http://host:9200}; required in opensearch mode
     * @param indexPrefix prefix of the three index names ({@code soc-kb} gives {@code
     *     soc-kb-techniques}, {@code soc-kb-indicators}, {@code soc-kb-attack-objects})
     * @param replicas replicas per index, default 0 (single node)
     */
    public record OpenSearch(URI uri, String indexPrefix, Integer replicas) {
        public OpenSearch {
            indexPrefix = indexPrefix == null || indexPrefix.isBlank() ? "soc-kb" : indexPrefix;
            replicas = Objects.requireNonNullElse(replicas, 0);
        }
    }
}
