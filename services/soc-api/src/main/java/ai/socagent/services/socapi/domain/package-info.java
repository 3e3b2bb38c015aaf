/**
 * soc-api's own model: a threat as the SOC sees it ({@link ai.socagent.services.socapi.domain.ThreatView}),
 * what the queries answer and the read model keeps, built from the shared domain. Plain Java.
 */
package ai.socagent.services.socapi.domain;
