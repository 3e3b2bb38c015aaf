package ai.socagent.services.fixturebeta.application.port.in;

/** An inbound port of the second fixture service. */
public interface BetaUseCase {}
