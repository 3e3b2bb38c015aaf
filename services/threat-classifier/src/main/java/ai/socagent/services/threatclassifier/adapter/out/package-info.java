/**
 * Outbound adapters of the ThreatClassifier agent: knowledge base (technique search), context store, event bus (the classification events). Each implements an outbound port of the application layer; persistence and SDK types never leave the adapter.
 */
package ai.socagent.services.threatclassifier.adapter.out;
