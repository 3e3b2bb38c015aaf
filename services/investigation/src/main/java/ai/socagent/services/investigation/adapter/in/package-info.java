/**
 * Inbound adapters of the Investigation agent: sqs (Threat Classification Complete, Threat Intelligence Enriched). Each adapter translates a transport message into a use-case call and nothing else.
 */
package ai.socagent.services.investigation.adapter.in;
