package ai.socagent.services.threatclassifier.application.port.out;

import ai.socagent.domain.agent.AgentStatus;

/** Where the agents' status reports are kept for the API to read (the shared context store). */
public interface AgentStatusPort {

    /** Keeps {@code status} as its instance's latest report. */
    void publish(AgentStatus status);
}
