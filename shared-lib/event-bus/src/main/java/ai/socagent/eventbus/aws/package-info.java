/**
 * The AWS adapters of the event backbone (AWS SDK v2): the {@link
 * ai.socagent.eventbus.aws.LocalBusBootstrapper} that creates the bus, queues, dead-letter queues,
 * topic and rules of the routing definition in an emulator (moto, LocalStack), the {@link
 * ai.socagent.eventbus.aws.EventBridgePublisher}, the SQS consumers ({@link
 * ai.socagent.eventbus.aws.SqsEventConsumer}, a spring-cloud-aws listener container per queue, and
 * {@link ai.socagent.eventbus.aws.SqsEventSubscriptions}) and the {@link
 * ai.socagent.eventbus.aws.DynamoDbIdempotencyStore}.
 */
package ai.socagent.eventbus.aws;
