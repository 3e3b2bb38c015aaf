/**
 * Inbound adapters of the ResponseOrchestration agent: sqs (priority queue for Emergency Threat Detected, then Investigation Complete, Root Cause Identified), http (approvals). Each adapter translates a transport message into a use-case call and nothing else.
 */
package ai.socagent.services.responseorchestration.adapter.in;
