package ai.socagent.testsupport.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.socagent.testsupport.backends.AwsEndpoint;
import ai.socagent.testsupport.backends.TestBackends;
import ai.socagent.testsupport.faults.FaultInjectingProxy.Fault;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** The proxy in front of moto, seen by a DynamoDB client that does not retry. */
class FaultInjectingProxyIT {

    private static final String TABLE = TestBackends.uniqueName("proxy");

    private static DynamoDbClient direct;
    private static DynamoDbClient client;
    private static FaultInjectingProxy proxy;

    @BeforeAll
    static void start() {
        AwsEndpoint aws = TestBackends.aws();
        direct = aws.configure(DynamoDbClient.builder()).build();
        direct.createTable(r -> r.tableName(TABLE)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder()
                        .attributeName("pk")
                        .attributeType(ScalarAttributeType.S)
                        .build())
                .keySchema(KeySchemaElement.builder()
                        .attributeName("pk")
                        .keyType(KeyType.HASH)
                        .build()));
        proxy = FaultInjectingProxy.start(aws.endpoint());
        client = DynamoDbClient.builder()
                .endpointOverride(proxy.endpoint())
                .region(aws.region())
                .credentialsProvider(aws.credentials())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    @AfterAll
    static void stop() {
        if (direct != null) {
            direct.deleteTable(r -> r.tableName(TABLE));
            direct.close();
        }
        if (client != null) {
            client.close();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    @AfterEach
    void clear() {
        proxy.clearFaults().resetCounts();
    }

    private static void put(String pk) {
        client.putItem(r -> r.tableName(TABLE).item(Map.of("pk", AttributeValue.fromS(pk))));
    }

    private static boolean inMoto(String pk) {
        return direct.getItem(r -> r.tableName(TABLE)
                        .key(Map.of("pk", AttributeValue.fromS(pk)))
                        .consistentRead(true))
                .hasItem();
    }

    @Test
    void unscriptedRequests_areForwardedAndCountedPerTarget() {
        put("a");

        assertThat(client.getItem(r -> r.tableName(TABLE).key(Map.of("pk", AttributeValue.fromS("a"))))
                        .hasItem())
                .isTrue();
        assertThat(proxy.requests("PutItem")).isEqualTo(1);
        assertThat(proxy.requests("DynamoDB_20120810.GetItem")).isEqualTo(1);
        assertThat(proxy.requests(null)).isEqualTo(2);
        assertThat(proxy.faultsInjected(null)).isZero();
    }

    @Test
    void failNext_answersTheRealDynamoDbErrorOnlyForThatOperationAndOnlyThatOften() {
        proxy.failNext("PutItem", 1, Fault.provisionedThroughputExceeded());

        assertThat(client.listTables().tableNames()).contains(TABLE);
        assertThatThrownBy(() -> put("b")).isInstanceOfSatisfying(ProvisionedThroughputExceededException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.isThrottlingException()).isTrue();
        });
        assertThat(inMoto("b")).isFalse();
        put("b");
        assertThat(inMoto("b")).isTrue();
        assertThat(proxy.requests("PutItem")).isEqualTo(2);
        assertThat(proxy.faultsInjected("PutItem")).isEqualTo(1);
    }

    @Test
    void failAfter_letsTheFirstRequestsThrough() {
        proxy.failAfter("PutItem", 1, 1, Fault.serviceUnavailable());

        put("c1");
        assertThatThrownBy(() -> put("c2"))
                .isInstanceOfSatisfying(
                        DynamoDbException.class, e -> assertThat(e.statusCode()).isEqualTo(503));
        put("c3");

        assertThat(inMoto("c1")).isTrue();
        assertThat(inMoto("c2")).isFalse();
        assertThat(inMoto("c3")).isTrue();
    }

    @Test
    void loseResponses_appliesTheRequestButAnswersTheFault() {
        proxy.loseResponses("PutItem", 1, Fault.internalServerError());

        assertThatThrownBy(() -> put("d"))
                .isInstanceOfSatisfying(
                        DynamoDbException.class, e -> assertThat(e.statusCode()).isEqualTo(500));
        assertThat(inMoto("d")).isTrue();
    }
}
