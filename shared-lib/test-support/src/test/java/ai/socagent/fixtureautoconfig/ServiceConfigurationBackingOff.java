package ai.socagent.fixtureautoconfig;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A service's configuration whose bean backs off: which one wins depends on the order. */
@Configuration(proxyBeanMethods = false)
public class ServiceConfigurationBackingOff {

    @Bean
    @ConditionalOnMissingBean
    StringBuilder serviceBuilder() {
        return new StringBuilder();
    }
}
