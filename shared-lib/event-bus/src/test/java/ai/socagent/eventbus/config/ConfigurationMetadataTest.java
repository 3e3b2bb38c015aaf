package ai.socagent.eventbus.config;

import static org.assertj.core.api.Assertions.assertThat;

import ai.socagent.testsupport.metadata.ConfigurationMetadata;
import org.junit.jupiter.api.Test;

/** The configuration processor ran in this module: IDEs complete and document the {@code soc.event-bus.*} keys. */
class ConfigurationMetadataTest {

    private final ConfigurationMetadata metadata = ConfigurationMetadata.onClassPath();

    @Test
    void processorDocumentsTheKeys_withTheirJavadocAsDescription() {
        assertThat(metadata.property("soc.event-bus.idempotency-ttl"))
                .hasValueSatisfying(property ->
                        assertThat(property.getDescription()).contains("how long a consumer remembers an event id"));
        assertThat(metadata.properties("soc.event-bus")).containsKey("soc.event-bus.in-process.journal.fsync");
        assertThat(metadata.groups("soc.event-bus")).contains("soc.event-bus");
    }
}
