/**
 * Spring wiring of the RootCauseAnalysis agent: {@code @ConfigurationProperties} records and bean definitions that connect ports to adapters.
 */
package ai.socagent.services.rootcauseanalysis.config;
