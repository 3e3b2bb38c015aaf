package ai.socagent.agentruntime.model;

/** Stand-in with the agent runtime's name (see {@link ai.socagent.eventbus.EventPublisher}). */
public interface ModelPort {}
