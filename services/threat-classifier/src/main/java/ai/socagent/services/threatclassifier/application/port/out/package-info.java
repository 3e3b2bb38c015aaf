/**
 * What the ThreatClassifier needs from outside: the knowledge base's technique ranking ({@link
 * ai.socagent.services.threatclassifier.application.port.out.TechniqueSearchPort}), where its
 * conclusions are kept for the other agents ({@link
 * ai.socagent.services.threatclassifier.application.port.out.ClassificationContextPort}) and how the
 * pipeline hears of them ({@link
 * ai.socagent.services.threatclassifier.application.port.out.ClassificationEventsPort}).
 */
package ai.socagent.services.threatclassifier.application.port.out;
