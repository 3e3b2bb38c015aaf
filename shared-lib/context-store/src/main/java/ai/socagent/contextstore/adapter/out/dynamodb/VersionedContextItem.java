package ai.socagent.contextstore.adapter.out.dynamodb;

import ai.socagent.contextstore.ContextTables;
import software.amazon.awssdk.enhanced.dynamodb.extensions.annotations.DynamoDbVersionAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbAttribute;

/**
 * What every context table item has besides its keys: the payload, the optimistic-locking
 * version and the TTL attribute. The enhanced client maps inherited bean properties.
 */
public abstract class VersionedContextItem {

    private String payload;
    private Long version;
    private Long expiresAt;

    @DynamoDbAttribute(ContextTables.PAYLOAD)
    public String getPayload() {
        return payload;
    }

    public void setPayload(String payload) {
        this.payload = payload;
    }

    @DynamoDbVersionAttribute
    @DynamoDbAttribute(ContextTables.VERSION)
    public Long getVersion() {
        return version;
    }

    public void setVersion(Long version) {
        this.version = version;
    }

    @DynamoDbAttribute(ContextTables.EXPIRES_AT)
    public Long getExpiresAt() {
        return expiresAt;
    }

    public void setExpiresAt(Long expiresAt) {
        this.expiresAt = expiresAt;
    }
}
