/**
 * Spring wiring of the ThreatClassifier agent: {@code @ConfigurationProperties} records and bean definitions that connect ports to adapters.
 */
package ai.socagent.services.threatclassifier.config;
