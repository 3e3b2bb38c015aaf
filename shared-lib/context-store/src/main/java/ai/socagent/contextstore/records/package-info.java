/**
 * Typed access to the context tables: the records one agent leaves for the next ({@link
 * ai.socagent.domainjson.ContextRecords}), each written and read through its own versioned codec,
 * so no adapter builds or parses another agent's JSON. {@link
 * ai.socagent.contextstore.records.InvestigationRecords} keeps records in an investigation's
 * partition; {@link ai.socagent.contextstore.records.ThreatRecords} keeps the arriving threats, by id
 * and newest first, for every agent and the API's read model.
 */
package ai.socagent.contextstore.records;
