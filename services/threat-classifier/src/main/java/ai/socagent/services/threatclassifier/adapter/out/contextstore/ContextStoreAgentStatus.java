package ai.socagent.services.threatclassifier.adapter.out.contextstore;

import ai.socagent.contextstore.records.AgentStatusRecords;
import ai.socagent.domain.agent.AgentStatus;
import ai.socagent.services.threatclassifier.application.port.out.AgentStatusPort;
import java.util.Objects;

/** The status reports in AgentContextTable ({@link AgentStatusRecords}), where soc-api reads them. */
public final class ContextStoreAgentStatus implements AgentStatusPort {

    private final AgentStatusRecords records;

    public ContextStoreAgentStatus(AgentStatusRecords records) {
        this.records = Objects.requireNonNull(records, "records");
    }

    @Override
    public void publish(AgentStatus status) {
        records.publish(status);
    }
}
