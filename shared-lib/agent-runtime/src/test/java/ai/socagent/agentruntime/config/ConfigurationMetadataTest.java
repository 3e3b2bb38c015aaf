package ai.socagent.agentruntime.config;

import static org.assertj.core.api.Assertions.assertThat;

import ai.socagent.testsupport.metadata.ConfigurationMetadata;
import org.junit.jupiter.api.Test;

/** The configuration processor ran in this module: IDEs complete and document the {@code soc.agent-runtime.*} keys. */
class ConfigurationMetadataTest {

    private final ConfigurationMetadata metadata = ConfigurationMetadata.onClassPath();

    @Test
    void processorDocumentsTheKeys_withTheirJavadocAsDescription() {
        assertThat(metadata.property("soc.agent-runtime.budget.ledger"))
                .hasValueSatisfying(
                        property -> assertThat(property.getDescription()).contains("shared by the fleet"));
        assertThat(metadata.properties("soc.agent-runtime")).containsKey("soc.agent-runtime.cache.maximum-size");
        assertThat(metadata.groups("soc.agent-runtime")).contains("soc.agent-runtime");
    }
}
