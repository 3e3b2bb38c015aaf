package ai.socagent.services.threatclassifier.application.port.out;

import ai.socagent.domain.agent.AgentName;
import ai.socagent.domain.agent.AgentStatus;
import java.util.List;

/** The agent runtime's figures of this process's model calls. */
public interface ModelCallsPort {

    /** How the agents of this process reason: {@code offline}, {@code converse} or {@code agents}. */
    String mode();

    /** The agent's calls per model it called so far. */
    List<AgentStatus.ModelCalls> models(AgentName agent);
}
