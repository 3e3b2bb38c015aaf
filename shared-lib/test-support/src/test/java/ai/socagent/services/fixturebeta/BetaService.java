package ai.socagent.services.fixturebeta;

/** A second fixture service. */
public final class BetaService {}
