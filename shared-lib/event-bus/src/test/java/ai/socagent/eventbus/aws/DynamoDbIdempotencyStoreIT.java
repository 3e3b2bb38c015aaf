package ai.socagent.eventbus.aws;

import static org.assertj.core.api.Assertions.assertThat;

import ai.socagent.eventbus.IdempotencyStore.Claim;
import ai.socagent.testsupport.backends.TestBackends;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

class DynamoDbIdempotencyStoreIT {

    private static DynamoDbClient dynamo;
    private static String table;

    @BeforeAll
    static void table() {
        dynamo = TestBackends.aws().configure(DynamoDbClient.builder()).build();
        table = TestBackends.uniqueName("event-claims");
        DynamoDbIdempotencyStore.createTable(dynamo, table);
    }

    @AfterAll
    static void drop() {
        if (dynamo != null) {
            dynamo.deleteTable(b -> b.tableName(table));
            dynamo.close();
        }
    }

    @Test
    void createTable_twice_isHarmlessAndEnablesTtl() {
        DynamoDbIdempotencyStore.createTable(dynamo, table);

        var ttl = dynamo.describeTimeToLive(b -> b.tableName(table)).timeToLiveDescription();
        assertThat(ttl.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
        assertThat(ttl.attributeName()).isEqualTo(DynamoDbIdempotencyStore.EXPIRES_AT);
    }

    @Test
    void claim_sameEventTwice_onlyTheFirstSucceedsAndTheItemCarriesItsLeaseThenItsTtl() {
        Instant now = Instant.parse("2026-11-26T10:00:00Z");
        DynamoDbIdempotencyStore store = DynamoDbIdempotencyStore.create(dynamo, table, fixed(now));

        assertThat(store.claim("investigation", "e-1", Duration.ofMinutes(5))).isEqualTo(Claim.CLAIMED);
        assertThat(store.claim("investigation", "e-1", Duration.ofMinutes(5))).isEqualTo(Claim.IN_PROGRESS);
        assertThat(store.claim("dashboard", "e-1", Duration.ofMinutes(5))).isEqualTo(Claim.CLAIMED);
        assertThat(item("investigation#e-1")
                        .get(DynamoDbIdempotencyStore.EXPIRES_AT)
                        .n())
                .isEqualTo(Long.toString(now.plus(Duration.ofMinutes(5)).getEpochSecond()));

        store.complete("investigation", "e-1", Duration.ofHours(24));

        assertThat(store.claim("investigation", "e-1", Duration.ofMinutes(5))).isEqualTo(Claim.HANDLED);
        Map<String, AttributeValue> item = item("investigation#e-1");
        assertThat(item.get(DynamoDbIdempotencyStore.EXPIRES_AT).n())
                .isEqualTo(Long.toString(now.plus(Duration.ofHours(24)).getEpochSecond()));
        assertThat(item.get(DynamoDbIdempotencyStore.STATE).s()).isEqualTo(DynamoDbIdempotencyStore.HANDLED);
    }

    /**
     * The loss this two-phase claim prevents: a consumer that died mid-handler left only a lease, so
     * the message SQS redelivers after the visibility timeout finds it run out and is handled.
     */
    @Test
    void claim_holderDiedMidHandler_theRedeliveryAfterTheLeaseIsHandled() {
        Instant now = Instant.parse("2026-11-26T10:00:00Z");
        DynamoDbIdempotencyStore.create(dynamo, table, fixed(now))
                .claim("threat-classifier", "e-9", Duration.ofSeconds(120));

        DynamoDbIdempotencyStore redelivered =
                DynamoDbIdempotencyStore.create(dynamo, table, fixed(now.plusSeconds(121)));

        assertThat(redelivered.claim("threat-classifier", "e-9", Duration.ofSeconds(120)))
                .isEqualTo(Claim.CLAIMED);
    }

    private Map<String, AttributeValue> item(String key) {
        return dynamo.getItem(
                        b -> b.tableName(table).key(Map.of(DynamoDbIdempotencyStore.KEY, AttributeValue.fromS(key))))
                .item();
    }

    @Test
    void claim_afterRelease_succeedsAgain() {
        DynamoDbIdempotencyStore store = DynamoDbIdempotencyStore.create(dynamo, table);
        store.claim("audit-trail", "e-2", Duration.ofHours(1));

        store.release("audit-trail", "e-2");

        assertThat(store.claim("audit-trail", "e-2", Duration.ofHours(1))).isEqualTo(Claim.CLAIMED);
    }

    @Test
    void claim_expiredButNotYetDeleted_succeedsAgain() {
        Instant now = Instant.parse("2026-11-26T10:00:00Z");
        DynamoDbIdempotencyStore.create(dynamo, table, fixed(now)).claim("dashboard", "e-3", Duration.ofMinutes(5));

        DynamoDbIdempotencyStore later = DynamoDbIdempotencyStore.create(dynamo, table, fixed(now.plusSeconds(301)));

        assertThat(later.claim("dashboard", "e-3", Duration.ofMinutes(5))).isEqualTo(Claim.CLAIMED);
        assertThat(later.claim("dashboard", "e-3", Duration.ofMinutes(5))).isEqualTo(Claim.IN_PROGRESS);
    }

    /**
     * Sixteen instances of one consumer claim the same event: exactly one wins. They claim one
     * after another because moto does not serialise conditional writes (concurrent conditional
     * updates were seen to pass together in the context store's tests); atomicity under
     * concurrency is DynamoDB's own guarantee for a conditional PutItem.
     */
    @Test
    void claim_manyConsumerInstances_exactlyOneWins() {
        List<DynamoDbIdempotencyStore> instances = IntStream.range(0, 16)
                .mapToObj(i -> DynamoDbIdempotencyStore.create(dynamo, table))
                .toList();

        long winners = instances.stream()
                .filter(instance -> instance.claim("investigation", "e-race", Duration.ofHours(1)) == Claim.CLAIMED)
                .count();

        assertThat(winners).isEqualTo(1);
    }

    private static Clock fixed(Instant now) {
        return Clock.fixed(now, ZoneOffset.UTC);
    }
}
