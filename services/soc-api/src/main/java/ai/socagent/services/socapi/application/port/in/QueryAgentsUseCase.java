package ai.socagent.services.socapi.application.port.in;

import ai.socagent.services.socapi.domain.AgentView;
import java.util.List;
import java.util.Optional;

/** Where the agents stand: per agent its instances' latest status reports and their health. */
public interface QueryAgentsUseCase {

    /** The five agents, in pipeline order. */
    List<AgentView> agents();

    /** The agent with this name ({@code ThreatClassifier} ...); empty for a name of no agent. */
    Optional<AgentView> agent(String name);
}
