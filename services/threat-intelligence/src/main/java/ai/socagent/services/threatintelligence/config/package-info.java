/**
 * Spring wiring of the ThreatIntelligence agent: {@code @ConfigurationProperties} records and bean definitions that connect ports to adapters.
 */
package ai.socagent.services.threatintelligence.config;
