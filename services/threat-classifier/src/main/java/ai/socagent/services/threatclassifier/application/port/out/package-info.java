/** What the ThreatClassifier needs from outside: where its conclusions are kept for the other agents. */
package ai.socagent.services.threatclassifier.application.port.out;
