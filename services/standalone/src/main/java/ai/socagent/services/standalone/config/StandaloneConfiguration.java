package ai.socagent.services.standalone.config;

import ai.socagent.services.socapi.application.port.in.SubmitFindingUseCase;
import ai.socagent.services.standalone.adapter.in.samples.SampleFindingReplay;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StandaloneProperties.class)
public class StandaloneConfiguration {

    @Bean
    @ConditionalOnProperty(name = "soc.standalone.replay-samples", havingValue = "true", matchIfMissing = true)
    SampleFindingReplay sampleFindingReplay(SubmitFindingUseCase submitFinding) {
        return new SampleFindingReplay(submitFinding);
    }
}
