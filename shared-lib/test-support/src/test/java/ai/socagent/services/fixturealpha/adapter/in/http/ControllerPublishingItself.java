package ai.socagent.services.fixturealpha.adapter.in.http;

import ai.socagent.eventbus.EventPublisher;
import ai.socagent.services.fixturealpha.application.port.in.AlphaUseCase;

/** Deliberately breaks the rules: an inbound adapter that publishes what the use case decided. */
public record ControllerPublishingItself(AlphaUseCase useCase, EventPublisher publisher) {}
