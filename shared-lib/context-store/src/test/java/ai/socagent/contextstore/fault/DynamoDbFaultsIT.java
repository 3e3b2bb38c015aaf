package ai.socagent.contextstore.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.socagent.contextstore.ContextStoreException;
import ai.socagent.contextstore.ContextTables;
import ai.socagent.contextstore.ContextVersionConflictException;
import ai.socagent.contextstore.CursorCodec;
import ai.socagent.contextstore.GlobalContextEntry;
import ai.socagent.contextstore.InvestigationContextEntry;
import ai.socagent.contextstore.MutableClock;
import ai.socagent.contextstore.PageRequest;
import ai.socagent.contextstore.TimeRange;
import ai.socagent.contextstore.adapter.out.dynamodb.ContextTableProvisioner;
import ai.socagent.contextstore.adapter.out.dynamodb.DynamoDbContextStore;
import ai.socagent.contextstore.config.ContextStoreAutoConfiguration;
import ai.socagent.testsupport.backends.AwsEndpoint;
import ai.socagent.testsupport.backends.TestBackends;
import ai.socagent.testsupport.faults.FaultInjectingProxy;
import ai.socagent.testsupport.faults.FaultInjectingProxy.Fault;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

/**
 * DynamoDB faults (issue #3) against moto through {@link FaultInjectingProxy}: the store's client goes
 * through the proxy, which answers scripted requests with throttling or 5xx; what was stored is
 * always read back from moto directly, around the proxy.
 *
 * <p>The client the store is given does not retry at all ({@code doNotRetry}), so every retry seen
 * here is the store's own strategy ({@code DynamoDbContextStore.standardRetries}, 3 attempts by
 * default).
 */
class DynamoDbFaultsIT {

    private static final String PUT = "DynamoDB_20120810.PutItem";
    private static final String GET = "DynamoDB_20120810.GetItem";
    private static final String QUERY = "DynamoDB_20120810.Query";
    private static final String DELETE = "DynamoDB_20120810.DeleteItem";

    private static final ContextTables TABLES = ContextTables.forEnvironment(TestBackends.uniqueName("fault"));
    private static final MutableClock CLOCK = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

    private static AwsEndpoint aws;
    private static DynamoDbClient direct;
    private static DynamoDbClient throughProxy;
    private static FaultInjectingProxy proxy;
    private static DynamoDbContextStore store;
    private static DynamoDbContextStore moto;

    @BeforeAll
    static void start() {
        aws = TestBackends.aws();
        direct = aws.configure(DynamoDbClient.builder()).build();
        ContextTableProvisioner.create(direct, TABLES).provision();
        proxy = FaultInjectingProxy.start(aws.endpoint());
        throughProxy = clientThroughProxy();
        store = DynamoDbContextStore.create(throughProxy, TABLES, CLOCK, CursorCodec.create());
        moto = DynamoDbContextStore.create(direct, TABLES, CLOCK, CursorCodec.create());
    }

    @AfterAll
    static void stop() {
        if (direct != null) {
            TABLES.names().forEach(n -> direct.deleteTable(r -> r.tableName(n)));
            direct.close();
        }
        if (throughProxy != null) {
            throughProxy.close();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    @AfterEach
    void clear() {
        proxy.clearFaults().resetCounts();
    }

    private static DynamoDbClient clientThroughProxy() {
        return DynamoDbClient.builder()
                .endpointOverride(proxy.endpoint())
                .region(aws.region())
                .credentialsProvider(aws.credentials())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    private static GlobalContextEntry newEntry(String payload) {
        return GlobalContextEntry.of("fault-" + UUID.randomUUID(), CLOCK.instant(), "item-1", "Recon", "LOW", payload);
    }

    private static String globalTable() {
        return TABLES.nameOf(ContextTables.GLOBAL);
    }

    /** Items of the partition as moto holds them, expired or not. */
    private static int itemsInMoto(String contextType) {
        return direct.query(r -> r.tableName(globalTable())
                        .keyConditionExpression("#pk = :pk")
                        .expressionAttributeNames(Map.of("#pk", ContextTables.CONTEXT_TYPE))
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(contextType)))
                        .consistentRead(true))
                .count();
    }

    // (a) throttled twice, then accepted

    @Test
    void create_throttledTwice_succeedsOnTheThirdAttemptAndStoresTheItemOnce() {
        GlobalContextEntry entry = newEntry("{\"n\":1}");
        proxy.failNext(PUT, 2, Fault.provisionedThroughputExceeded());

        GlobalContextEntry stored = store.global().create(entry);

        assertThat(proxy.requests(PUT)).isEqualTo(3);
        assertThat(proxy.faultsInjected(PUT)).isEqualTo(2);
        assertThat(stored.version()).isEqualTo(1);
        assertThat(moto.global().find(entry.contextType(), entry.timestamp(), entry.itemId()))
                .get()
                .extracting(GlobalContextEntry::payload, GlobalContextEntry::version)
                .containsExactly("{\"n\":1}", 1L);
        assertThat(itemsInMoto(entry.contextType())).isEqualTo(1);
    }

    // (b) throttled or failing for good

    static Stream<Arguments> persistentFaults() {
        return Stream.of(
                Arguments.of(
                        Fault.provisionedThroughputExceeded(), "throttled", "ProvisionedThroughputExceededException"),
                Arguments.of(Fault.throttling(), "throttled", "ThrottlingException"),
                Arguments.of(Fault.internalServerError(), "service error (HTTP 500)", "InternalServerError"),
                Arguments.of(Fault.serviceUnavailable(), "service error (HTTP 503)", "ServiceUnavailable"));
    }

    @ParameterizedTest
    @MethodSource("persistentFaults")
    void create_failingOnEveryAttempt_givesUpAfterThreeWithAClearErrorAndWritesNothing(
            Fault fault, String kind, String code) {
        GlobalContextEntry entry = newEntry("{}");
        proxy.failAlways(PUT, fault);

        assertThatThrownBy(() -> store.global().create(entry))
                .isExactlyInstanceOf(ContextStoreException.class)
                .hasMessageContaining("PutItem on table " + globalTable())
                .hasMessageContaining("after 3 attempts")
                .hasMessageContaining(kind)
                .hasMessageContaining(code);
        assertThat(proxy.requests(PUT)).isEqualTo(3);
        assertThat(moto.global().find(entry.contextType(), entry.timestamp(), entry.itemId()))
                .isEmpty();
        assertThat(itemsInMoto(entry.contextType())).isZero();
    }

    @Test
    void throttledError_keepsTheSdkExceptionAsItsCause() {
        proxy.failAlways(PUT, Fault.provisionedThroughputExceeded());

        assertThatThrownBy(() -> store.global().create(newEntry("{}")))
                .isInstanceOf(ContextStoreException.class)
                .hasCauseInstanceOf(ProvisionedThroughputExceededException.class);
    }

    @Test
    void standardRetries_maxAttempts_isHowOftenTheStoreTries() {
        DynamoDbContextStore patient = DynamoDbContextStore.create(
                throughProxy, TABLES, CLOCK, CursorCodec.create(), DynamoDbContextStore.standardRetries(5));
        GlobalContextEntry entry = newEntry("{\"n\":5}");
        proxy.failNext(PUT, 4, Fault.internalServerError());

        patient.global().create(entry);

        assertThat(proxy.requests(PUT)).isEqualTo(5);
        assertThat(moto.global().find(entry.contextType(), entry.timestamp(), entry.itemId()))
                .isPresent();
    }

    @Test
    void maxAttemptsProperty_setsTheAttemptsOfTheAutoConfiguredStore(@TempDir Path archive) {
        DynamoDbClient applicationClient = clientThroughProxy();
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ContextStoreAutoConfiguration.class))
                .withPropertyValues(
                        "soc.context-store.backend=dynamodb",
                        "soc.context-store.environment=" + TABLES.environment(),
                        "soc.context-store.dynamodb.max-attempts=2",
                        // the archive is not under test: keep it local rather than S3
                        "soc.context-store.archive.backend=local",
                        "soc.context-store.archive.local-directory=" + archive)
                .withBean(DynamoDbClient.class, () -> applicationClient)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    GlobalContextEntry entry = newEntry("{}");
                    proxy.failAlways(GET, Fault.serviceUnavailable());
                    assertThatThrownBy(() -> context.getBean(ai.socagent.contextstore.ContextStore.class)
                                    .global()
                                    .find(entry.contextType(), entry.timestamp(), entry.itemId()))
                            .isExactlyInstanceOf(ContextStoreException.class)
                            .hasMessageContaining("GetItem on table " + globalTable())
                            .hasMessageContaining("after 2 attempts");
                    assertThat(proxy.requests(GET)).isEqualTo(2);
                });
        applicationClient.close();
    }

    // (c) an optimistic-locked update failing midway

    @Test
    void update_failingOnEveryAttempt_leavesTheStoredVersionIntact() {
        GlobalContextEntry v1 = moto.global().create(newEntry("{\"state\":\"old\"}"));
        proxy.failAlways(PUT, Fault.internalServerError());

        assertThatThrownBy(() -> store.global().update(v1.withPayload("{\"state\":\"new\"}")))
                .isExactlyInstanceOf(ContextStoreException.class)
                .hasMessageContaining(globalTable())
                .hasMessageContaining("service error (HTTP 500)");

        assertThat(moto.global().find(v1.contextType(), v1.timestamp(), v1.itemId()))
                .get()
                .extracting(GlobalContextEntry::payload, GlobalContextEntry::version)
                .containsExactly("{\"state\":\"old\"}", 1L);
        proxy.clearFaults();
        assertThat(store.global().update(v1.withPayload("{\"state\":\"new\"}")).version())
                .as("nothing was left locked or half-written: the same update goes through once the fault ends")
                .isEqualTo(2);
    }

    @Test
    void update_throttledOnce_isRetriedUnderTheSameVersionCondition() {
        GlobalContextEntry v1 = moto.global().create(newEntry("{\"state\":\"old\"}"));
        proxy.failNext(PUT, 1, Fault.provisionedThroughputExceeded());

        GlobalContextEntry v2 = store.global().update(v1.withPayload("{\"state\":\"new\"}"));

        assertThat(v2.version()).isEqualTo(2);
        assertThat(proxy.requests(PUT)).isEqualTo(2);
        assertThat(moto.global().find(v1.contextType(), v1.timestamp(), v1.itemId()))
                .get()
                .extracting(GlobalContextEntry::payload, GlobalContextEntry::version)
                .containsExactly("{\"state\":\"new\"}", 2L);
    }

    @Test
    void update_whoseAnswerIsLost_isAVersionConflictAndTheWriteIsThere() {
        // DynamoDB applied the write but the caller got a 500: the SDK retries the same conditional
        // put, which now fails its version check. The caller sees a conflict, re-reads, and finds
        // its own write; the conditional write never applies twice.
        GlobalContextEntry v1 = moto.global().create(newEntry("{\"state\":\"old\"}"));
        proxy.loseResponses(PUT, 1, Fault.internalServerError());

        assertThatThrownBy(() -> store.global().update(v1.withPayload("{\"state\":\"new\"}")))
                .isInstanceOf(ContextVersionConflictException.class);

        assertThat(proxy.requests(PUT)).isEqualTo(2);
        assertThat(moto.global().find(v1.contextType(), v1.timestamp(), v1.itemId()))
                .get()
                .extracting(GlobalContextEntry::payload, GlobalContextEntry::version)
                .containsExactly("{\"state\":\"new\"}", 2L);
    }

    // (d) the one write of the store that takes several requests: create over an expired entry

    @Test
    void createOverAnExpiredEntry_failingAfterTheDelete_leavesTheKeyAbsentAndCanBeRepeated() {
        // No operation of the store writes several items (no batch, no transaction: every create and
        // update is one conditional PutItem). The one operation of several requests is a create over
        // an expired entry: conditional put (refused) -> get -> conditional delete -> conditional put.
        // A fault on that last put leaves the key without an item, which readers could not tell from
        // the expired one anyway; repeating the create completes it.
        Instant at = CLOCK.instant();
        GlobalContextEntry old = GlobalContextEntry.of(
                        "fault-" + UUID.randomUUID(), at, "item-1", null, null, "{\"gen\":1}")
                .withExpiresAt(at.plusSeconds(60));
        moto.global().create(old);
        CLOCK.advance(Duration.ofMinutes(2));
        proxy.failAfter(PUT, 1, Integer.MAX_VALUE, Fault.internalServerError());
        GlobalContextEntry fresh = GlobalContextEntry.of(old.contextType(), at, "item-1", null, null, "{\"gen\":2}");

        assertThatThrownBy(() -> store.global().create(fresh))
                .isExactlyInstanceOf(ContextStoreException.class)
                .hasMessageContaining("PutItem on table " + globalTable());

        assertThat(proxy.requests(PUT)).isEqualTo(1 + 3);
        assertThat(proxy.requests(DELETE)).isEqualTo(1);
        assertThat(moto.global().find(old.contextType(), at, old.itemId())).isEmpty();
        proxy.clearFaults();
        assertThat(store.global().create(fresh).version()).isEqualTo(1);
        assertThat(moto.global().find(old.contextType(), at, old.itemId()))
                .get()
                .extracting(GlobalContextEntry::payload)
                .isEqualTo("{\"gen\":2}");
        assertThat(itemsInMoto(old.contextType())).isEqualTo(1);
    }

    // (e) reads

    @Test
    void find_failingTwiceWith5xx_retriesAndReturnsTheEntry() {
        GlobalContextEntry stored = moto.global().create(newEntry("{\"r\":1}"));
        proxy.failNext(GET, 2, Fault.internalServerError());

        assertThat(store.global().find(stored.contextType(), stored.timestamp(), stored.itemId()))
                .get()
                .extracting(GlobalContextEntry::payload)
                .isEqualTo("{\"r\":1}");
        assertThat(proxy.requests(GET)).isEqualTo(3);
    }

    @Test
    void query_failingTwiceWith503_retriesAndReturnsThePage() {
        String investigation = "inv-" + UUID.randomUUID();
        Instant at = CLOCK.instant();
        moto.investigations().create(InvestigationContextEntry.of(investigation, "evidence", at, "agent-a", "{}"));
        proxy.failNext(QUERY, 2, Fault.serviceUnavailable());

        assertThat(store.investigations()
                        .findByLevel(
                                investigation,
                                "evidence",
                                TimeRange.between(at.minusSeconds(1), at.plusSeconds(1)),
                                PageRequest.first(10))
                        .items())
                .hasSize(1);
        assertThat(proxy.requests(QUERY)).isEqualTo(3);
    }

    @Test
    void query_failingForGood_isAClearErrorNamingTheTable() {
        proxy.failAlways(QUERY, Fault.serviceUnavailable());
        Instant at = CLOCK.instant();

        assertThatThrownBy(() -> store.investigations()
                        .findByLevel(
                                "inv-x",
                                "evidence",
                                TimeRange.between(at.minusSeconds(1), at.plusSeconds(1)),
                                PageRequest.first(10)))
                .isExactlyInstanceOf(ContextStoreException.class)
                .hasMessageContaining("Query on table " + TABLES.nameOf(ContextTables.INVESTIGATION))
                .hasMessageContaining("after 3 attempts")
                .hasMessageContaining("service error (HTTP 503)");
        assertThat(proxy.requests(QUERY)).isEqualTo(3);
    }
}
