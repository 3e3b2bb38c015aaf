package ai.socagent.services.fixturealpha.application;

import ai.socagent.eventbus.EventPublisher;

/** Deliberately breaks the rules: a use case that publishes on the bus instead of through an outbound port. */
public record UseCasePublishingItself(EventPublisher publisher) {}
