/**
 * Inbound adapters of the RootCauseAnalysis agent: sqs (Investigation Complete). Each adapter translates a transport message into a use-case call and nothing else.
 */
package ai.socagent.services.rootcauseanalysis.adapter.in;
