package ai.socagent.services.standalone.config;

import static org.assertj.core.api.Assertions.assertThat;

import ai.socagent.testsupport.metadata.ConfigurationMetadata;
import org.junit.jupiter.api.Test;

/** The configuration processor ran in this module: IDEs complete and document the {@code soc.standalone.*} keys. */
class ConfigurationMetadataTest {

    private final ConfigurationMetadata metadata = ConfigurationMetadata.onClassPath();

    @Test
    void processorDocumentsTheKeys_withTheirJavadocAsDescription() {
        assertThat(metadata.property("soc.standalone.replay-samples"))
                .hasValueSatisfying(property -> assertThat(property.getDescription())
                        .contains("submit the bundled sample findings at start-up"));
        assertThat(metadata.properties("soc.standalone")).containsKey("soc.standalone.replay-samples");
        assertThat(metadata.groups("soc.standalone")).contains("soc.standalone");
    }
}
