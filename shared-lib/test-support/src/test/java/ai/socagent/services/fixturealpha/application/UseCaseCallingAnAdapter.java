package ai.socagent.services.fixturealpha.application;

import ai.socagent.services.fixturealpha.adapter.out.dynamodb.DynamoDbAdapter;

/** Deliberately breaks the rules: a use case that calls a concrete adapter. */
public record UseCaseCallingAnAdapter(DynamoDbAdapter adapter) {}
