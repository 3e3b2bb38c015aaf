/**
 * Inbound adapters of the ThreatClassifier agent: the event bus (Threat Submitted and raw GuardDuty / Security Hub events, from the in-process bus or SQS). Each adapter translates a transport message into a use-case call and nothing else.
 */
package ai.socagent.services.threatclassifier.adapter.in;
