package ai.socagent.services.fixtureassembly.config;

import ai.socagent.services.fixturebeta.adapter.out.memory.BetaAdapter;

/** Deliberately breaks the rules: the assembly uses another service's adapter. */
public record AssemblyReachingIntoAnAdapter(BetaAdapter adapter) {}
