/**
 * The AWS adapters of the event backbone (AWS SDK v2): the {@link
 * ai.socagent.eventbus.aws.LocalBusBootstrapper} that creates the bus, queues, dead-letter queues,
 * topic and rules of the routing definition in an emulator (moto, LocalStack), the {@link
 * ai.socagent.eventbus.aws.EventBridgePublisher} and the {@link
 * ai.socagent.eventbus.aws.DynamoDbIdempotencyStore}.
 */
package ai.socagent.eventbus.aws;
