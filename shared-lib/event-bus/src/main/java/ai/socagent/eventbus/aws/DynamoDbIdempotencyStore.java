package ai.socagent.eventbus.aws;

import ai.socagent.eventbus.IdempotencyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * {@link IdempotencyStore} on a DynamoDB table: a claim is a conditional PutItem that succeeds only
 * when no unexpired claim exists, with a TTL attribute so DynamoDB removes old claims. DynamoDB deletes
 * expired items late (up to days), so the condition also treats an expired item as absent.
 *
 * <p>Table: partition key {@value #KEY} (String, {@code <consumer>#<eventId>}), TTL attribute {@value
 * #EXPIRES_AT} (epoch seconds).
 */
public final class DynamoDbIdempotencyStore implements IdempotencyStore {

    public static final String KEY = "claim_key";
    public static final String EXPIRES_AT = "expires_at";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    private DynamoDbIdempotencyStore(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    public static DynamoDbIdempotencyStore create(DynamoDbClient dynamo, String table) {
        return new DynamoDbIdempotencyStore(dynamo, table, Clock.systemUTC());
    }

    public static DynamoDbIdempotencyStore create(DynamoDbClient dynamo, String table, Clock clock) {
        return new DynamoDbIdempotencyStore(dynamo, table, clock);
    }

    /**
     * Creates the table (on-demand, TTL on {@value #EXPIRES_AT}) unless it exists: for the local mode
     * and tests; Terraform owns it in AWS.
     */
    public static void createTable(DynamoDbClient dynamo, String table) {
        try {
            dynamo.createTable(b -> b.tableName(table)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(AttributeDefinition.builder()
                            .attributeName(KEY)
                            .attributeType(ScalarAttributeType.S)
                            .build())
                    .keySchema(KeySchemaElement.builder()
                            .attributeName(KEY)
                            .keyType(KeyType.HASH)
                            .build()));
        } catch (ResourceInUseException exists) {
            return;
        }
        dynamo.waiter().waitUntilTableExists(b -> b.tableName(table));
        dynamo.updateTimeToLive(b ->
                b.tableName(table).timeToLiveSpecification(t -> t.enabled(true).attributeName(EXPIRES_AT)));
    }

    @Override
    public boolean claim(String consumer, String eventId, Duration ttl) {
        long now = clock.instant().getEpochSecond();
        try {
            dynamo.putItem(b -> b.tableName(table)
                    .item(Map.of(
                            KEY, AttributeValue.fromS(key(consumer, eventId)),
                            EXPIRES_AT, AttributeValue.fromN(Long.toString(now + ttl.toSeconds()))))
                    .conditionExpression("attribute_not_exists(#key) OR #expires <= :now")
                    .expressionAttributeNames(Map.of("#key", KEY, "#expires", EXPIRES_AT))
                    .expressionAttributeValues(Map.of(":now", AttributeValue.fromN(Long.toString(now)))));
            return true;
        } catch (ConditionalCheckFailedException claimedBefore) {
            return false;
        }
    }

    @Override
    public void release(String consumer, String eventId) {
        dynamo.deleteItem(b -> b.tableName(table).key(Map.of(KEY, AttributeValue.fromS(key(consumer, eventId)))));
    }

    private static String key(String consumer, String eventId) {
        return consumer + "#" + eventId;
    }
}
