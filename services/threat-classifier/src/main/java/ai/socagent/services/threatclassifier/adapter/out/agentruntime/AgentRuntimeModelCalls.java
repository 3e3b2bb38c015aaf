package ai.socagent.services.threatclassifier.adapter.out.agentruntime;

import ai.socagent.agentruntime.model.AgentModelStatus;
import ai.socagent.domain.agent.AgentName;
import ai.socagent.domain.agent.AgentStatus;
import ai.socagent.services.threatclassifier.application.port.out.ModelCallsPort;
import java.util.List;
import java.util.Objects;

/** The model calls as the agent runtime's {@link AgentModelStatus} tells them. */
public final class AgentRuntimeModelCalls implements ModelCallsPort {

    private final AgentModelStatus status;

    public AgentRuntimeModelCalls(AgentModelStatus status) {
        this.status = Objects.requireNonNull(status, "status");
    }

    @Override
    public String mode() {
        return status.mode();
    }

    @Override
    public List<AgentStatus.ModelCalls> models(AgentName agent) {
        return status.models(agent);
    }
}
