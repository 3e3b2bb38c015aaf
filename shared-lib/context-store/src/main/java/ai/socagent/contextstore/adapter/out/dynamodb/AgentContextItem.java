package ai.socagent.contextstore.adapter.out.dynamodb;

import ai.socagent.contextstore.ContextTables;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;

/** AgentContextTable item for the enhanced client; the composite sort key is stored next to its parts. */
@DynamoDbBean
public class AgentContextItem extends VersionedContextItem {

    private String agentId;
    private String sessionIdTimestamp;
    private String sessionId;
    private String timestamp;

    @DynamoDbPartitionKey
    @DynamoDbAttribute(ContextTables.AGENT_ID)
    public String getAgentId() {
        return agentId;
    }

    public void setAgentId(String agentId) {
        this.agentId = agentId;
    }

    @DynamoDbSortKey
    @DynamoDbAttribute(ContextTables.SESSION_ID_TIMESTAMP)
    public String getSessionIdTimestamp() {
        return sessionIdTimestamp;
    }

    public void setSessionIdTimestamp(String sessionIdTimestamp) {
        this.sessionIdTimestamp = sessionIdTimestamp;
    }

    @DynamoDbAttribute(ContextTables.SESSION_ID)
    public String getSessionId() {
        return sessionId;
    }

    public void setSessionId(String sessionId) {
        this.sessionId = sessionId;
    }

    @DynamoDbAttribute(ContextTables.TIMESTAMP)
    public String getTimestamp() {
        return timestamp;
    }

    public void setTimestamp(String timestamp) {
        this.timestamp = timestamp;
    }
}
