package ai.socagent.fixturelib.domain;

import ai.socagent.services.fixturebeta.BetaService;

/** Deliberately breaks the rules: a shared library that imports a service. */
public record DomainKnowingAService(BetaService service) {}
