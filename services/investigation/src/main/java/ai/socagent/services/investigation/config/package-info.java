/**
 * Spring wiring of the Investigation agent: {@code @ConfigurationProperties} records and bean definitions that connect ports to adapters.
 */
package ai.socagent.services.investigation.config;
