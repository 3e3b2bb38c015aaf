/**
 * Application layer of the ThreatClassifier agent: use cases: ClassifyThreatUseCase; domain services: ATT&CK mapping, severity scoring. Plain Java: no Spring, no AWS SDK (enforced by the architecture rules). Ports in {@code port.in} and {@code port.out}.
 */
package ai.socagent.services.threatclassifier.application;
