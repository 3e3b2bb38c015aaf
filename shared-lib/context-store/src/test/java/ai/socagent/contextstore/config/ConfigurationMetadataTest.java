package ai.socagent.contextstore.config;

import static org.assertj.core.api.Assertions.assertThat;

import ai.socagent.testsupport.metadata.ConfigurationMetadata;
import org.junit.jupiter.api.Test;

/** The configuration processor ran in this module: IDEs complete and document the {@code soc.context-store.*} keys. */
class ConfigurationMetadataTest {

    private final ConfigurationMetadata metadata = ConfigurationMetadata.onClassPath();

    @Test
    void processorDocumentsTheKeys_withTheirJavadocAsDescription() {
        assertThat(metadata.property("soc.context-store.backend"))
                .hasValueSatisfying(
                        property -> assertThat(property.getDescription()).contains("or {@code dynamodb}"));
        assertThat(metadata.properties("soc.context-store")).containsKey("soc.context-store.cache.l2.enabled");
        assertThat(metadata.groups("soc.context-store")).contains("soc.context-store");
    }
}
