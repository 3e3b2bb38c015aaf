package ai.socagent.eventbus.routing;

/**
 * An SNS topic a rule can target (logical name).
 *
 * @param name logical topic name
 */
public record TopicDefinition(String name) {}
