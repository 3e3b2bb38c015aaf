/**
 * The event backbone of the agents (issue #4): one routing definition ({@code infra/events/rules.json},
 * see {@link ai.socagent.eventbus.routing.RoutingDefinition}), the envelope every event travels in
 * ({@link ai.socagent.eventbus.envelope.EventCodec}), the in-process bus of the standalone mode
 * ({@link ai.socagent.eventbus.inprocess.InProcessEventBus}) and the AWS adapters
 * ({@link ai.socagent.eventbus.aws}).
 *
 * <p>This package holds the ports: {@link ai.socagent.eventbus.EventPublisher},
 * {@link ai.socagent.eventbus.EventHandler} and {@link ai.socagent.eventbus.IdempotencyStore}.
 */
package ai.socagent.eventbus;
