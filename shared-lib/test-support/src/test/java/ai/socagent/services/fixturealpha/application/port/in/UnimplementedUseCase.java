package ai.socagent.services.fixturealpha.application.port.in;

/** Deliberately breaks the rules: an inbound port no application service implements. */
public interface UnimplementedUseCase {}
