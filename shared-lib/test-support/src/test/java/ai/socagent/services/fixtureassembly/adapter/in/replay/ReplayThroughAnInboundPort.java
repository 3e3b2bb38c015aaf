package ai.socagent.services.fixtureassembly.adapter.in.replay;

import ai.socagent.services.fixturebeta.application.port.in.BetaUseCase;

/** Allowed: the assembly drives another service through its inbound port. */
public record ReplayThroughAnInboundPort(BetaUseCase beta) {}
