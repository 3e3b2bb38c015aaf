package ai.socagent.knowledgebase.config;

import static org.assertj.core.api.Assertions.assertThat;

import ai.socagent.testsupport.metadata.ConfigurationMetadata;
import org.junit.jupiter.api.Test;

/** The configuration processor ran in this module: IDEs complete and document the {@code soc.knowledge-base.*} keys. */
class ConfigurationMetadataTest {

    private final ConfigurationMetadata metadata = ConfigurationMetadata.onClassPath();

    @Test
    void processorDocumentsTheKeys_withTheirJavadocAsDescription() {
        assertThat(metadata.property("soc.knowledge-base.load-attack-on-startup"))
                .hasValueSatisfying(
                        property -> assertThat(property.getDescription()).contains("index the shipped ATT&CK extract"));
        assertThat(metadata.properties("soc.knowledge-base")).containsKey("soc.knowledge-base.embedded.directory");
        assertThat(metadata.groups("soc.knowledge-base")).contains("soc.knowledge-base");
    }
}
