package ai.socagent.services.fixtureassembly.config;

import ai.socagent.services.fixturebeta.config.BetaConfiguration;

/** Allowed: the assembly composes the other services by their configuration. */
public record AssemblyConfiguration(BetaConfiguration beta) {}
