/**
 * Application layer of the ThreatClassifier agent, and where its own reasoning lives: the use case
 * ({@link ai.socagent.services.threatclassifier.application.ClassifyThreatService}), its model
 * contract ({@link ai.socagent.services.threatclassifier.application.ClassificationJson}: input,
 * output schema, parse, severity-floor policy) and its offline engine ({@code .offline}: the
 * classifier, the CTID GuardDuty mapping, severity scoring). Plain Java: no Spring, no AWS SDK, no
 * Lucene or OpenSearch (enforced by the architecture rules). Ports in {@code port.in} and {@code
 * port.out}.
 */
package ai.socagent.services.threatclassifier.application;
