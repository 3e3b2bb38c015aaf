package ai.socagent.fixtureautoconfig;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Configuration;

/** A whole configuration that backs off, outside any auto-configuration. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnMissingBean(StringBuilder.class)
public class ClassBackingOff {}
