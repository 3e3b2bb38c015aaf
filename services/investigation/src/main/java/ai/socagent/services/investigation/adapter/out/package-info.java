/**
 * Outbound adapters of the Investigation agent: context store, evidence archive, bedrock (model port), event publisher. Each implements an outbound port of the application layer; persistence and SDK types never leave the adapter.
 */
package ai.socagent.services.investigation.adapter.out;
