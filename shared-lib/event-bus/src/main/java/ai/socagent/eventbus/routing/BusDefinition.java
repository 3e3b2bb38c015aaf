package ai.socagent.eventbus.routing;

/**
 * The custom event bus the agents publish on.
 *
 * @param name the bus name ({@code ai-agent-events})
 * @param source the {@code source} of every event the agents publish ({@code ai-agent-service})
 */
public record BusDefinition(String name, String source) {}
