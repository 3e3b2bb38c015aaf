package ai.socagent.services.fixturebeta.adapter.out.memory;

/** An adapter of the second fixture service. */
public final class BetaAdapter {}
