package ai.socagent.services.threatclassifier.application.port.in;

import ai.socagent.domain.agent.AgentStatus;

/** Tells operators where this instance of the classifier stands: its model calls and its queues. */
public interface ReportAgentStatusUseCase {

    /** Publishes this instance's status as it is now, and returns it. */
    AgentStatus report();
}
