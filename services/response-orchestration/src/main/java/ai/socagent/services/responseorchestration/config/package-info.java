/**
 * Spring wiring of the ResponseOrchestration agent: {@code @ConfigurationProperties} records and bean definitions that connect ports to adapters.
 */
package ai.socagent.services.responseorchestration.config;
