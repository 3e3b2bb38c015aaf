package ai.socagent.services.fixturebeta.config;

/** The configuration of the second fixture service. */
public final class BetaConfiguration {}
