package ai.socagent.contextstore.adapter.out.dynamodb;

import ai.socagent.contextstore.ContextTables;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/**
 * Creates the context tables of an environment from the {@link ContextTables} catalogue and turns
 * their TTL on, idempotently: for local runs against moto or LocalStack. In AWS, Terraform owns the
 * tables; this class is not used there.
 */
public final class ContextTableProvisioner {

    private static final Projection ALL =
            Projection.builder().projectionType(ProjectionType.ALL).build();

    private final DynamoDbClient client;
    private final ContextTables tables;

    private ContextTableProvisioner(DynamoDbClient client, ContextTables tables) {
        this.client = client;
        this.tables = tables;
    }

    public static ContextTableProvisioner create(DynamoDbClient client, ContextTables tables) {
        return new ContextTableProvisioner(client, tables);
    }

    /** Creates what is missing, waits for the tables to be active, enables TTL where it is not. */
    public void provision() {
        for (ContextTables.Table table : ContextTables.all()) {
            String name = tables.nameOf(table);
            if (!exists(name)) {
                try {
                    client.createTable(createRequest(table));
                } catch (ResourceInUseException alreadyBeingCreated) {
                    // another instance got there first: wait for it like for our own
                }
            }
            client.waiter().waitUntilTableExists(r -> r.tableName(name));
            TimeToLiveStatus ttl = client.describeTimeToLive(r -> r.tableName(name))
                    .timeToLiveDescription()
                    .timeToLiveStatus();
            if (ttl != TimeToLiveStatus.ENABLED && ttl != TimeToLiveStatus.ENABLING) {
                client.updateTimeToLive(r -> r.tableName(name)
                        .timeToLiveSpecification(s -> s.enabled(true).attributeName(table.timeToLiveAttribute())));
            }
        }
    }

    /** The CreateTable request of one table in this environment: the catalogue, translated. */
    public CreateTableRequest createRequest(ContextTables.Table table) {
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(tables.nameOf(table))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(table.keyAttributes().stream()
                        .map(a -> AttributeDefinition.builder()
                                .attributeName(a)
                                .attributeType(ScalarAttributeType.S)
                                .build())
                        .toList())
                .keySchema(keySchema(table.partitionKey(), table.sortKey()));
        List<GlobalSecondaryIndex> globals = table.indexes().stream()
                .filter(i -> i.kind() == ContextTables.IndexKind.GLOBAL)
                .map(i -> GlobalSecondaryIndex.builder()
                        .indexName(i.name())
                        .keySchema(keySchema(i.partitionKey(), i.sortKey()))
                        .projection(ALL)
                        .build())
                .toList();
        List<LocalSecondaryIndex> locals = table.indexes().stream()
                .filter(i -> i.kind() == ContextTables.IndexKind.LOCAL)
                .map(i -> LocalSecondaryIndex.builder()
                        .indexName(i.name())
                        .keySchema(keySchema(i.partitionKey(), i.sortKey()))
                        .projection(ALL)
                        .build())
                .toList();
        if (!globals.isEmpty()) {
            request.globalSecondaryIndexes(globals);
        }
        if (!locals.isEmpty()) {
            request.localSecondaryIndexes(locals);
        }
        if (table.stream() == ContextTables.StreamView.NEW_AND_OLD_IMAGES) {
            request.streamSpecification(StreamSpecification.builder()
                    .streamEnabled(true)
                    .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)
                    .build());
        }
        return request.build();
    }

    private boolean exists(String name) {
        try {
            client.describeTable(r -> r.tableName(name));
            return true;
        } catch (ResourceNotFoundException e) {
            return false;
        }
    }

    private static List<KeySchemaElement> keySchema(String partitionKey, String sortKey) {
        return List.of(
                KeySchemaElement.builder()
                        .attributeName(partitionKey)
                        .keyType(KeyType.HASH)
                        .build(),
                KeySchemaElement.builder()
                        .attributeName(sortKey)
                        .keyType(KeyType.RANGE)
                        .build());
    }
}
