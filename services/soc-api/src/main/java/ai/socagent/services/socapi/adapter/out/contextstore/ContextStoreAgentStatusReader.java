package ai.socagent.services.socapi.adapter.out.contextstore;

import ai.socagent.contextstore.records.AgentStatusRecords;
import ai.socagent.domain.agent.AgentName;
import ai.socagent.domain.agent.AgentStatus;
import ai.socagent.services.socapi.application.port.out.AgentStatusReadPort;
import java.util.List;
import java.util.Objects;

/** The agents' status reports in AgentContextTable ({@link AgentStatusRecords}), where the agents keep them. */
public final class ContextStoreAgentStatusReader implements AgentStatusReadPort {

    private final AgentStatusRecords records;

    public ContextStoreAgentStatusReader(AgentStatusRecords records) {
        this.records = Objects.requireNonNull(records, "records");
    }

    @Override
    public List<AgentStatus> latest(AgentName agent, int limit) {
        return records.latest(agent, limit);
    }
}
