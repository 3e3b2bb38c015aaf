package ai.socagent.fixtureautoconfig;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** An auto-configuration that backs off, on a method and in a nested class: allowed. */
@AutoConfiguration
public class FixtureAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    StringBuilder fixtureBuilder() {
        return new StringBuilder();
    }

    @Configuration(proxyBeanMethods = false)
    static class Nested {

        @Bean
        @ConditionalOnMissingBean
        StringBuffer fixtureBuffer() {
            return new StringBuffer();
        }
    }
}
