/**
 * Application layer of the RootCauseAnalysis agent: use cases: IdentifyRootCauseUseCase; causal timeline construction. Plain Java: no Spring, no AWS SDK (enforced by the architecture rules). Ports in {@code port.in} and {@code port.out}.
 */
package ai.socagent.services.rootcauseanalysis.application;
