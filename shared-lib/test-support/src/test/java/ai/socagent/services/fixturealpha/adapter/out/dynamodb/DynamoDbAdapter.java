package ai.socagent.services.fixturealpha.adapter.out.dynamodb;

/** An outbound adapter of the fixture service. */
public final class DynamoDbAdapter {}
