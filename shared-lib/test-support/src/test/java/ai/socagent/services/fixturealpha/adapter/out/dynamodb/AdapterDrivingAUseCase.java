package ai.socagent.services.fixturealpha.adapter.out.dynamodb;

import ai.socagent.services.fixturealpha.application.port.in.AlphaUseCase;

/** Deliberately breaks the rules: an outbound adapter that drives a use case. */
public record AdapterDrivingAUseCase(AlphaUseCase useCase) {}
