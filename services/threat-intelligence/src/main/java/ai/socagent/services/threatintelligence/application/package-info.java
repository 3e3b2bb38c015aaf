/**
 * Application layer of the ThreatIntelligence agent: use cases: EnrichThreatUseCase; indicator lookup and scoring. Plain Java: no Spring, no AWS SDK (enforced by the architecture rules). Ports in {@code port.in} and {@code port.out}.
 */
package ai.socagent.services.threatintelligence.application;
