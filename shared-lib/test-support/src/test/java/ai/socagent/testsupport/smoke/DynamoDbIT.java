package ai.socagent.testsupport.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import ai.socagent.testsupport.backends.AwsEndpoint;
import ai.socagent.testsupport.backends.TestBackends;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** DynamoDB as the context store uses it: GSI, LSI, TTL, streams and conditional writes. */
class DynamoDbIT {

    private static DynamoDbClient dynamo;
    private static DynamoDbStreamsClient streams;
    private static String table;

    @BeforeAll
    static void createTable() {
        AwsEndpoint aws = TestBackends.aws();
        dynamo = aws.configure(DynamoDbClient.builder()).build();
        streams = aws.configure(DynamoDbStreamsClient.builder()).build();
        table = TestBackends.uniqueName("findings");

        dynamo.createTable(b -> b.tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute("pk"), attribute("sk"), attribute("status"), attribute("severity"))
                .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                        .indexName("by-status")
                        .keySchema(key("status", KeyType.HASH), key("sk", KeyType.RANGE))
                        .projection(Projection.builder()
                                .projectionType(ProjectionType.ALL)
                                .build())
                        .build())
                .localSecondaryIndexes(LocalSecondaryIndex.builder()
                        .indexName("by-severity")
                        .keySchema(key("pk", KeyType.HASH), key("severity", KeyType.RANGE))
                        .projection(Projection.builder()
                                .projectionType(ProjectionType.ALL)
                                .build())
                        .build())
                .streamSpecification(StreamSpecification.builder()
                        .streamEnabled(true)
                        .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)
                        .build()));
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        dynamo.describeTable(b -> b.tableName(table)).table().tableStatus() == TableStatus.ACTIVE);
    }

    @AfterAll
    static void deleteTable() {
        if (dynamo != null) {
            dynamo.deleteTable(b -> b.tableName(table));
            dynamo.close();
            streams.close();
        }
    }

    @Test
    void tableHasBothIndexesAndAStream() {
        TableDescription description =
                dynamo.describeTable(b -> b.tableName(table)).table();

        assertThat(description.globalSecondaryIndexes())
                .singleElement()
                .satisfies(gsi -> assertThat(gsi.indexName()).isEqualTo("by-status"));
        assertThat(description.localSecondaryIndexes())
                .singleElement()
                .satisfies(lsi -> assertThat(lsi.indexName()).isEqualTo("by-severity"));
        assertThat(description.streamSpecification().streamEnabled()).isTrue();
        assertThat(description.streamSpecification().streamViewType()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
        assertThat(description.latestStreamArn()).isNotBlank();
    }

    @Test
    void timeToLiveIsEnabled() {
        dynamo.updateTimeToLive(b ->
                b.tableName(table).timeToLiveSpecification(t -> t.enabled(true).attributeName("expiresAt")));

        var ttl = dynamo.describeTimeToLive(b -> b.tableName(table)).timeToLiveDescription();
        assertThat(ttl.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
        assertThat(ttl.attributeName()).isEqualTo("expiresAt");
    }

    @Test
    void conditionalPutQueriesAndStreamRecord() {
        String pk = "finding#" + TestBackends.uniqueName("f");
        Map<String, AttributeValue> item = Map.of(
                "pk", s(pk),
                "sk", s("v1"),
                "status", s("CLASSIFIED"),
                "severity", s("HIGH"),
                "expiresAt",
                        AttributeValue.fromN(
                                Long.toString(Instant.now().plusSeconds(3600).getEpochSecond())));
        PutItemRequest createOnly = PutItemRequest.builder()
                .tableName(table)
                .item(item)
                .conditionExpression("attribute_not_exists(pk)")
                .build();

        dynamo.putItem(createOnly);
        assertThatExceptionOfType(ConditionalCheckFailedException.class).isThrownBy(() -> dynamo.putItem(createOnly));

        QueryResponse byStatus = dynamo.query(b -> b.tableName(table)
                .indexName("by-status")
                .keyConditionExpression("#s = :s")
                .expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":s", s("CLASSIFIED"))));
        assertThat(byStatus.items()).extracting(i -> i.get("pk").s()).contains(pk);

        QueryResponse bySeverity = dynamo.query(b -> b.tableName(table)
                .indexName("by-severity")
                .keyConditionExpression("pk = :p and severity = :v")
                .expressionAttributeValues(Map.of(":p", s(pk), ":v", s("HIGH"))));
        assertThat(bySeverity.items())
                .singleElement()
                .satisfies(i -> assertThat(i.get("sk").s()).isEqualTo("v1"));

        String streamArn = dynamo.describeTable(b -> b.tableName(table)).table().latestStreamArn();
        List<Record> records = new ArrayList<>();
        AtomicReference<String> iterator = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    if (iterator.get() == null) {
                        String shardId = streams.describeStream(b -> b.streamArn(streamArn))
                                .streamDescription()
                                .shards()
                                .getFirst()
                                .shardId();
                        iterator.set(streams.getShardIterator(b -> b.streamArn(streamArn)
                                        .shardId(shardId)
                                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                                .shardIterator());
                    }
                    var response = streams.getRecords(b -> b.shardIterator(iterator.get()));
                    records.addAll(response.records());
                    iterator.set(response.nextShardIterator());
                    assertThat(records)
                            .anySatisfy(r -> assertThat(r.dynamodb().newImage()).containsEntry("pk", s(pk)));
                });
        Record insert = records.stream()
                .filter(r -> pk.equals(r.dynamodb().newImage().get("pk").s()))
                .findFirst()
                .orElseThrow();
        assertThat(insert.eventNameAsString()).isEqualTo("INSERT");
        assertThat(insert.dynamodb().newImage())
                .containsEntry("status", s("CLASSIFIED"))
                .containsEntry("severity", s("HIGH"));
        assertThat(insert.dynamodb().oldImage()).isNullOrEmpty();
    }

    private static AttributeDefinition attribute(String name) {
        return AttributeDefinition.builder()
                .attributeName(name)
                .attributeType(ScalarAttributeType.S)
                .build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
