/**
 * Inbound adapters of the ThreatClassifier agent: sqs (Threat Submitted and raw GuardDuty / Security Hub events), http. Each adapter translates a transport message into a use-case call and nothing else.
 */
package ai.socagent.services.threatclassifier.adapter.in;
