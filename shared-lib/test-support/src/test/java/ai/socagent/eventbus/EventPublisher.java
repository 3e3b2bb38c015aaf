package ai.socagent.eventbus;

/** Stand-in with the event bus's name: the rules match library types by name, and test-support cannot depend on event-bus. */
public interface EventPublisher {}
