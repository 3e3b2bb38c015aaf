/**
 * Outbound adapters of the ThreatClassifier agent: bedrock (model port), knowledge base, context store, event publisher. Each implements an outbound port of the application layer; persistence and SDK types never leave the adapter.
 */
package ai.socagent.services.threatclassifier.adapter.out;
