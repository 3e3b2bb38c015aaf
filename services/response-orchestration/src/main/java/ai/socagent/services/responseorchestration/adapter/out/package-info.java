/**
 * Outbound adapters of the ResponseOrchestration agent: AWS actions (EC2, IAM, S3) behind an approval gate, context store, event publisher. Each implements an outbound port of the application layer; persistence and SDK types never leave the adapter.
 */
package ai.socagent.services.responseorchestration.adapter.out;
