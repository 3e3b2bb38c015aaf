package ai.socagent.testsupport.metadata;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.boot.configurationmetadata.ConfigurationMetadataProperty;
import org.springframework.boot.configurationmetadata.ConfigurationMetadataRepository;
import org.springframework.boot.configurationmetadata.ConfigurationMetadataRepositoryJsonBuilder;

/**
 * The configuration metadata on the class path: every {@code META-INF/spring-configuration-metadata.json}
 * the configuration processor wrote (the module's own in {@code target/classes}, and its dependencies').
 * A module's test asks for its own prefix ({@code soc.context-store}, ...), which no other module
 * declares, so a key found there proves the processor ran in that module.
 */
public final class ConfigurationMetadata {

    static final String LOCATION = "META-INF/spring-configuration-metadata.json";

    private final ConfigurationMetadataRepository repository;

    private ConfigurationMetadata(ConfigurationMetadataRepository repository) {
        this.repository = repository;
    }

    /** Reads every metadata file the class loader of this class sees. */
    public static ConfigurationMetadata onClassPath() {
        ClassLoader loader = Objects.requireNonNullElse(
                Thread.currentThread().getContextClassLoader(), ConfigurationMetadata.class.getClassLoader());
        ConfigurationMetadataRepositoryJsonBuilder builder = ConfigurationMetadataRepositoryJsonBuilder.create();
        try {
            for (URL url : Collections.list(loader.getResources(LOCATION))) {
                try (InputStream in = url.openStream()) {
                    builder.withJsonResource(in);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + LOCATION, e);
        }
        return new ConfigurationMetadata(builder.build());
    }

    /** The documented keys under {@code prefix} (for example {@code soc.context-store}), sorted. */
    public Map<String, ConfigurationMetadataProperty> properties(String prefix) {
        Map<String, ConfigurationMetadataProperty> properties = new TreeMap<>();
        repository.getAllProperties().forEach((key, property) -> {
            if (key.startsWith(prefix + ".")) {
                properties.put(key, property);
            }
        });
        return properties;
    }

    /** One key's metadata, if the processor documented it. */
    public Optional<ConfigurationMetadataProperty> property(String key) {
        return Optional.ofNullable(repository.getAllProperties().get(key));
    }

    /** The groups (one per properties class and nested record) under {@code prefix}. */
    public List<String> groups(String prefix) {
        return repository.getAllGroups().keySet().stream()
                .filter(group -> group.equals(prefix) || group.startsWith(prefix + "."))
                .sorted()
                .toList();
    }
}
