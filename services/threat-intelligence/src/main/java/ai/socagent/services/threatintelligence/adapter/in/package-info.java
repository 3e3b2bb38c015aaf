/**
 * Inbound adapters of the ThreatIntelligence agent: sqs (Threat Classification Complete). Each adapter translates a transport message into a use-case call and nothing else.
 */
package ai.socagent.services.threatintelligence.adapter.in;
