/**
 * Application layer of the ResponseOrchestration agent: use cases: ProposeResponseUseCase, ApproveActionUseCase; playbooks. Plain Java: no Spring, no AWS SDK (enforced by the architecture rules). Ports in {@code port.in} and {@code port.out}.
 */
package ai.socagent.services.responseorchestration.application;
