package ai.socagent.services.standalone.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the standalone mode ({@code soc.standalone.*}).
 *
 * @param replaySamples submit the bundled sample findings at start-up, so a newcomer sees
 *     findings flow without sending any
 */
@ConfigurationProperties("soc.standalone")
public record StandaloneProperties(Boolean replaySamples) {

    public StandaloneProperties {
        replaySamples = replaySamples == null || replaySamples;
    }
}
