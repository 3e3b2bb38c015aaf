package ai.socagent.services.socapi.config;

import static org.assertj.core.api.Assertions.assertThat;

import ai.socagent.testsupport.metadata.ConfigurationMetadata;
import org.junit.jupiter.api.Test;

/** The configuration processor ran in this module: IDEs complete and document the {@code soc.api.*} keys. */
class ConfigurationMetadataTest {

    private final ConfigurationMetadata metadata = ConfigurationMetadata.onClassPath();

    @Test
    void processorDocumentsTheKeys_withTheirJavadocAsDescription() {
        assertThat(metadata.property("soc.api.max-payload-bytes"))
                .hasValueSatisfying(
                        property -> assertThat(property.getDescription()).contains("largest request body accepted"));
        assertThat(metadata.properties("soc.api")).containsKey("soc.api.max-payload-bytes");
        assertThat(metadata.groups("soc.api")).contains("soc.api");
    }
}
