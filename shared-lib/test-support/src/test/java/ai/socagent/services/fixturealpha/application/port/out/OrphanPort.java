package ai.socagent.services.fixturealpha.application.port.out;

/** Deliberately breaks the rules: an outbound port no adapter implements. */
public interface OrphanPort {}
