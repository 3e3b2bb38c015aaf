/**
 * What the ThreatClassifier needs from outside: the knowledge base's technique ranking ({@link
 * ai.socagent.services.threatclassifier.application.port.out.TechniqueSearchPort}) and where its
 * conclusions are kept for the other agents ({@link
 * ai.socagent.services.threatclassifier.application.port.out.ClassificationContextPort}).
 */
package ai.socagent.services.threatclassifier.application.port.out;
