package ai.socagent.contextstore.adapter.out.dynamodb;

import ai.socagent.contextstore.ContextTables;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondaryPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondarySortKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;

/** GlobalContextTable item for the enhanced client; never leaves this package (see {@link ContextItemMapper}). */
@DynamoDbBean
public class GlobalContextItem extends VersionedContextItem {

    private String contextType;
    private String timestamp;
    private String threatType;
    private String severity;

    @DynamoDbPartitionKey
    @DynamoDbAttribute(ContextTables.CONTEXT_TYPE)
    public String getContextType() {
        return contextType;
    }

    public void setContextType(String contextType) {
        this.contextType = contextType;
    }

    @DynamoDbSortKey
    @DynamoDbSecondarySortKey(indexNames = {ContextTables.THREAT_TYPE_INDEX, ContextTables.SEVERITY_INDEX})
    @DynamoDbAttribute(ContextTables.TIMESTAMP)
    public String getTimestamp() {
        return timestamp;
    }

    public void setTimestamp(String timestamp) {
        this.timestamp = timestamp;
    }

    @DynamoDbSecondaryPartitionKey(indexNames = ContextTables.THREAT_TYPE_INDEX)
    @DynamoDbAttribute(ContextTables.THREAT_TYPE)
    public String getThreatType() {
        return threatType;
    }

    public void setThreatType(String threatType) {
        this.threatType = threatType;
    }

    @DynamoDbSecondaryPartitionKey(indexNames = ContextTables.SEVERITY_INDEX)
    @DynamoDbAttribute(ContextTables.SEVERITY)
    public String getSeverity() {
        return severity;
    }

    public void setSeverity(String severity) {
        this.severity = severity;
    }
}
