package ai.socagent.services.fixtureshell.application;

/** The shell's first behaviour, in a layer its declaration does not name yet. */
public final class FirstUseCase {}
