package ai.socagent.services.socapi.application.port.out;

import ai.socagent.domain.agent.AgentName;
import ai.socagent.domain.agent.AgentStatus;
import java.util.List;

/** The agents' status reports, as the agent services keep them (shared by every instance of the API). */
public interface AgentStatusReadPort {

    /** The latest reports of up to {@code limit} instances of {@code agent}, the newest-started first. */
    List<AgentStatus> latest(AgentName agent, int limit);
}
