/**
 * Outbound adapters of the RootCauseAnalysis agent: context store, bedrock (model port), event publisher. Each implements an outbound port of the application layer; persistence and SDK types never leave the adapter.
 */
package ai.socagent.services.rootcauseanalysis.adapter.out;
