/**
 * Application layer of the Investigation agent: use cases: InvestigateThreatUseCase; correlation over stored context. Plain Java: no Spring, no AWS SDK (enforced by the architecture rules). Ports in {@code port.in} and {@code port.out}.
 */
package ai.socagent.services.investigation.application;
