package ai.socagent.contextstore.adapter.out.dynamodb;

import ai.socagent.contextstore.ContextTables;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondarySortKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;

/**
 * InvestigationContextTable item for the enhanced client. The composite keys are stored next to
 * their parts ({@code context_level}, {@code agent_id}, {@code timestamp}), which the mapper reads.
 */
@DynamoDbBean
public class InvestigationContextItem extends VersionedContextItem {

    private String investigationId;
    private String contextLevelTimestamp;
    private String agentIdTimestamp;
    private String contextLevel;
    private String agentId;
    private String timestamp;

    @DynamoDbPartitionKey
    @DynamoDbAttribute(ContextTables.INVESTIGATION_ID)
    public String getInvestigationId() {
        return investigationId;
    }

    public void setInvestigationId(String investigationId) {
        this.investigationId = investigationId;
    }

    @DynamoDbSortKey
    @DynamoDbAttribute(ContextTables.CONTEXT_LEVEL_TIMESTAMP)
    public String getContextLevelTimestamp() {
        return contextLevelTimestamp;
    }

    public void setContextLevelTimestamp(String contextLevelTimestamp) {
        this.contextLevelTimestamp = contextLevelTimestamp;
    }

    @DynamoDbSecondarySortKey(indexNames = ContextTables.AGENT_ID_INDEX)
    @DynamoDbAttribute(ContextTables.AGENT_ID_TIMESTAMP)
    public String getAgentIdTimestamp() {
        return agentIdTimestamp;
    }

    public void setAgentIdTimestamp(String agentIdTimestamp) {
        this.agentIdTimestamp = agentIdTimestamp;
    }

    @DynamoDbAttribute(ContextTables.CONTEXT_LEVEL)
    public String getContextLevel() {
        return contextLevel;
    }

    public void setContextLevel(String contextLevel) {
        this.contextLevel = contextLevel;
    }

    @DynamoDbAttribute(ContextTables.AGENT_ID)
    public String getAgentId() {
        return agentId;
    }

    public void setAgentId(String agentId) {
        this.agentId = agentId;
    }

    @DynamoDbAttribute(ContextTables.TIMESTAMP)
    public String getTimestamp() {
        return timestamp;
    }

    public void setTimestamp(String timestamp) {
        this.timestamp = timestamp;
    }
}
