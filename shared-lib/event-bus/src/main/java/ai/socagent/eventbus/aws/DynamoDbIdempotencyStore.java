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
 * when no unexpired claim exists, written as a lease ({@value #STATE} {@value #IN_PROGRESS}) and
 * completed by an UpdateItem ({@value #HANDLED}, the long TTL) once the handler succeeded; a TTL
 * attribute lets DynamoDB remove old claims. DynamoDB deletes expired items late (up to days), so the
 * condition also treats an expired item as absent. A consumer that dies mid-handler leaves a lease
 * that runs out: the redelivered message is handled, not dropped.
 *
 * <p>Table: partition key {@value #KEY} (String, {@code <consumer>#<eventId>}), TTL attribute {@value
 * #EXPIRES_AT} (epoch seconds), {@value #STATE}.
 */
public final class DynamoDbIdempotencyStore implements IdempotencyStore {

    public static final String KEY = "claim_key";
    public static final String EXPIRES_AT = "expires_at";
    public static final String STATE = "claim_state";
    public static final String IN_PROGRESS = "in-progress";
    public static final String HANDLED = "handled";

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
    public Claim claim(String consumer, String eventId, Duration lease) {
        long now = clock.instant().getEpochSecond();
        String key = key(consumer, eventId);
        try {
            dynamo.putItem(b -> b.tableName(table)
                    .item(Map.of(
                            KEY, AttributeValue.fromS(key),
                            STATE, AttributeValue.fromS(IN_PROGRESS),
                            EXPIRES_AT, AttributeValue.fromN(Long.toString(now + seconds(lease)))))
                    .conditionExpression("attribute_not_exists(#key) OR #expires <= :now")
                    .expressionAttributeNames(Map.of("#key", KEY, "#expires", EXPIRES_AT))
                    .expressionAttributeValues(Map.of(":now", AttributeValue.fromN(Long.toString(now)))));
            return Claim.CLAIMED;
        } catch (ConditionalCheckFailedException claimedBefore) {
            Map<String, AttributeValue> held = dynamo.getItem(b -> b.tableName(table)
                            .key(Map.of(KEY, AttributeValue.fromS(key)))
                            .consistentRead(true))
                    .item();
            // a claim written before claims had states was a completed one
            AttributeValue state = held.get(STATE);
            return state == null || HANDLED.equals(state.s()) ? Claim.HANDLED : Claim.IN_PROGRESS;
        }
    }

    @Override
    public void complete(String consumer, String eventId, Duration ttl) {
        long now = clock.instant().getEpochSecond();
        dynamo.updateItem(b -> b.tableName(table)
                .key(Map.of(KEY, AttributeValue.fromS(key(consumer, eventId))))
                .updateExpression("SET #state = :handled, #expires = :expires")
                .expressionAttributeNames(Map.of("#state", STATE, "#expires", EXPIRES_AT))
                .expressionAttributeValues(Map.of(
                        ":handled", AttributeValue.fromS(HANDLED),
                        ":expires", AttributeValue.fromN(Long.toString(now + seconds(ttl))))));
    }

    /** Whole seconds, at least one: a lease of less than a second still holds for one. */
    private static long seconds(Duration duration) {
        return Math.max(1, duration.toSeconds());
    }

    @Override
    public void release(String consumer, String eventId) {
        dynamo.deleteItem(b -> b.tableName(table).key(Map.of(KEY, AttributeValue.fromS(key(consumer, eventId)))));
    }

    private static String key(String consumer, String eventId) {
        return consumer + "#" + eventId;
    }
}
