package ai.socagent.services.fixturealpha.adapter.in.http;

import ai.socagent.services.fixturealpha.adapter.out.dynamodb.DynamoDbAdapter;
import ai.socagent.services.fixturebeta.BetaService;

/** Deliberately breaks the rules: imports another adapter and another service. */
public record ControllerCallingAnotherAdapter(DynamoDbAdapter adapter, BetaService otherService) {}
