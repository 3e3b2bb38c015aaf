/**
 * Outbound adapters of the ThreatIntelligence agent: knowledge base (OpenSearch / embedded), context store, event publisher. Each implements an outbound port of the application layer; persistence and SDK types never leave the adapter.
 */
package ai.socagent.services.threatintelligence.adapter.out;
