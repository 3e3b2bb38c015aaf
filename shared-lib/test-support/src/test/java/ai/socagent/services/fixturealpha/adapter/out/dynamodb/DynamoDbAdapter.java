package ai.socagent.services.fixturealpha.adapter.out.dynamodb;

import ai.socagent.services.fixturealpha.application.port.out.AlphaStore;

/** An outbound adapter of the fixture service. */
public final class DynamoDbAdapter implements AlphaStore {}
