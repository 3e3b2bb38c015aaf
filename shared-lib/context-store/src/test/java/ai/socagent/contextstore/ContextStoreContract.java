package ai.socagent.contextstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

import ai.socagent.testsupport.backends.TestBackends;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ContextStore} implementation must show. Subclasses: {@code
 * EmbeddedContextStoreTest} (local disk) and {@code DynamoDbContextStoreIT} (moto or LocalStack).
 * Keys are unique per test, so implementations may share tables across the tests of a class.
 */
public abstract class ContextStoreContract {

    protected static final Instant START = Instant.parse("2026-11-26T12:00:00Z");
    protected static final Instant T0 = START.minus(Duration.ofHours(1));

    protected final MutableClock clock = new MutableClock(START);
    protected ContextStore store;

    /** The environment this test class writes to; the same for every test of the class. */
    protected abstract String environment();

    /** A store over the tables of {@code tables}' environment, creating them when needed. */
    protected abstract ContextStore openStore(ContextTables tables, Clock clock);

    /** The physical tables (or maps) that exist in the backend now, seen through an open store. */
    protected abstract Collection<String> existingTableNames(ContextStore openStore);

    @BeforeEach
    void openTheStore() {
        store = openStore(ContextTables.forEnvironment(environment()), clock);
    }

    @AfterEach
    void closeTheStore() {
        if (store != null) {
            store.close();
        }
    }

    // --- write and read ---------------------------------------------------------------------

    @Test
    void create_globalEntry_isFoundAtVersionOneExpiringAfterSevenDays() {
        GlobalContextEntry entry =
                GlobalContextEntry.of(unique("pattern"), T0, "item-1", "Backdoor", "HIGH", "{\"a\":1}");

        GlobalContextEntry stored = store.global().create(entry);

        assertThat(stored.version()).isEqualTo(1);
        assertThat(stored.expiresAt()).isEqualTo(START.plus(Duration.ofDays(7)));
        assertThat(store.global().find(entry.contextType(), T0, entry.itemId())).contains(stored);
    }

    @Test
    void create_globalEntryWithoutThreatTypeOrSeverity_isFoundWithoutThem() {
        GlobalContextEntry entry = GlobalContextEntry.of(unique("pattern"), T0, "item-1", null, null, "{}");

        store.global().create(entry);

        assertThat(store.global().find(entry.contextType(), T0, entry.itemId())).hasValueSatisfying(found -> {
            assertThat(found.threatType()).isNull();
            assertThat(found.severity()).isNull();
        });
    }

    @Test
    void create_investigationEntry_isFoundAtVersionOneExpiringAfterThirtyDays() {
        InvestigationContextEntry entry =
                InvestigationContextEntry.of(unique("inv"), "evidence", T0, "Investigation", "{\"e\":[1,2]}");

        InvestigationContextEntry stored = store.investigations().create(entry);

        assertThat(stored.version()).isEqualTo(1);
        assertThat(stored.expiresAt()).isEqualTo(START.plus(Duration.ofDays(30)));
        assertThat(store.investigations().find(entry.investigationId(), "evidence", T0))
                .contains(stored);
    }

    @Test
    void create_agentEntry_isFoundAtVersionOneExpiringAfterTwentyFourHours() {
        AgentContextEntry entry = AgentContextEntry.of(unique("agent"), "session-1", T0, "{\"memory\":\"x\"}");

        AgentContextEntry stored = store.agents().create(entry);

        assertThat(stored.version()).isEqualTo(1);
        assertThat(stored.expiresAt()).isEqualTo(START.plus(Duration.ofHours(24)));
        assertThat(store.agents().find(entry.agentId(), "session-1", T0)).contains(stored);
    }

    @Test
    void agentStatus_eachInstancesLatestReport_renewedByEachReport_agesOutADayAfterTheLast() {
        var records = new ai.socagent.contextstore.records.AgentStatusRecords(store);
        var agent = ai.socagent.domain.agent.AgentName.RESPONSE_ORCHESTRATION;
        String first = unique("instance");
        String second = unique("instance");
        Instant started = START.minusSeconds(60);

        records.publish(status(agent, first, started, START, 1));
        records.publish(status(agent, second, started, START, 2)); // same start: the next millisecond
        clock.advance(Duration.ofHours(23));
        records.publish(status(agent, first, started, START.plus(Duration.ofHours(23)), 3));

        assertThat(records.latest(agent, 10))
                .extracting(
                        ai.socagent.domain.agent.AgentStatus::instanceId,
                        s -> s.models().getFirst().inFlight())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(second, 2), org.assertj.core.groups.Tuple.tuple(first, 3));
        assertThat(records.latest(agent, 1)).hasSize(1);

        clock.advance(Duration.ofHours(2));
        assertThat(records.latest(agent, 10))
                .as("the second stopped reporting 25 h ago, the first 2 h ago")
                .extracting(ai.socagent.domain.agent.AgentStatus::instanceId)
                .containsExactly(first);

        clock.advance(Duration.ofHours(23));
        records.publish(status(agent, first, started, clock.instant(), 4)); // expired meanwhile: reported anew
        assertThat(records.latest(agent, 10))
                .extracting(s -> s.models().getFirst().inFlight())
                .containsExactly(4);
    }

    private static ai.socagent.domain.agent.AgentStatus status(
            ai.socagent.domain.agent.AgentName agent, String instance, Instant started, Instant at, int inFlight) {
        return new ai.socagent.domain.agent.AgentStatus(
                agent,
                instance,
                started,
                at,
                Duration.ofSeconds(5),
                "converse",
                java.util.List.of(new ai.socagent.domain.agent.AgentStatus.ModelCalls(
                        "model-a", inFlight, 16, 0, 0, 0, 0, java.util.Optional.of("CLOSED"))),
                java.util.List.of(new ai.socagent.domain.agent.AgentStatus.QueueDeliveries(
                        "response-orchestration",
                        java.util.Optional.of(1L),
                        java.util.Optional.of(0L),
                        java.util.Optional.empty())));
    }

    @Test
    void find_missingEntry_isEmpty() {
        assertThat(store.global().find(unique("none"), T0, "item-1")).isEmpty();
        assertThat(store.investigations().find(unique("none"), "evidence", T0)).isEmpty();
        assertThat(store.agents().find(unique("none"), "s", T0)).isEmpty();
    }

    @Test
    void create_timestampWithNanoseconds_isStoredAtMicrosecondPrecision() {
        Instant precise = Instant.parse("2026-11-26T10:00:00.123456789Z");
        GlobalContextEntry entry = GlobalContextEntry.of(unique("pattern"), precise, "item-1", null, null, "{}");

        store.global().create(entry);

        assertThat(store.global()
                        .find(entry.contextType(), Instant.parse("2026-11-26T10:00:00.123456Z"), entry.itemId()))
                .hasValueSatisfying(
                        found -> assertThat(found.timestamp()).isEqualTo(Instant.parse("2026-11-26T10:00:00.123456Z")));
    }

    // --- expiry -------------------------------------------------------------------------------

    @Test
    void find_afterTheTableTtl_isEmptyEverywhere() {
        String type = unique("pattern");
        String threat = unique("threat");
        store.global().create(GlobalContextEntry.of(type, T0, "item-1", threat, "LOW", "{}"));
        String agent = unique("agent");
        store.agents().create(AgentContextEntry.of(agent, "s", T0, "{}"));
        String investigation = unique("inv");
        store.investigations().create(InvestigationContextEntry.of(investigation, "evidence", T0, "Inv", "{}"));

        clock.advance(Duration.ofDays(7).plusSeconds(1));

        assertThat(store.global().find(type, T0, "item-1")).isEmpty();
        assertThat(store.global()
                        .findByContextType(type, around(T0), PageRequest.first(10))
                        .items())
                .isEmpty();
        assertThat(store.global()
                        .findByThreatType(threat, around(T0), PageRequest.first(10))
                        .items())
                .isEmpty();
        assertThat(store.agents().find(agent, "s", T0)).isEmpty();
        assertThat(store.investigations().find(investigation, "evidence", T0))
                .as("30-day table still holds it")
                .isPresent();
    }

    @Test
    void find_justBeforeExpiry_isPresent() {
        String agent = unique("agent");
        store.agents().create(AgentContextEntry.of(agent, "s", T0, "{}"));

        clock.advance(Duration.ofHours(24).minusSeconds(1));

        assertThat(store.agents().find(agent, "s", T0)).isPresent();
    }

    @Test
    void query_withExpiredEntriesBetweenLiveOnes_pagesSkipTheExpired() {
        String type = unique("pattern");
        List<Instant> live = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Instant at = T0.plusSeconds(i);
            GlobalContextEntry entry = GlobalContextEntry.of(type, at, "item-1", null, null, "{}");
            if (i % 3 == 0) {
                store.global().create(entry);
                live.add(at);
            } else {
                store.global().create(entry.withExpiresAt(START.plus(Duration.ofMinutes(5))));
            }
        }

        clock.advance(Duration.ofMinutes(10));

        List<GlobalContextEntry> all =
                allPages(page -> store.global().findByContextType(type, around(T0), page), PageRequest.first(2));
        assertThat(all).extracting(GlobalContextEntry::timestamp).containsExactlyElementsOf(live);
    }

    // --- idempotent create and optimistic locking ----------------------------------------------

    @Test
    void create_sameKeyTwice_throwsAlreadyExistsAndKeepsTheFirst() {
        GlobalContextEntry first = GlobalContextEntry.of(unique("pattern"), T0, "item-1", null, null, "{\"n\":1}");
        store.global().create(first);

        assertThatExceptionOfType(ContextAlreadyExistsException.class)
                .isThrownBy(() -> store.global().create(first.withPayload("{\"n\":2}")));
        assertThat(store.global().find(first.contextType(), T0, first.itemId()))
                .hasValueSatisfying(found -> assertThat(found.payload()).isEqualTo("{\"n\":1}"));
    }

    @Test
    void create_sameInvestigationOrAgentKeyTwice_throwsAlreadyExists() {
        InvestigationContextEntry inv = InvestigationContextEntry.of(unique("inv"), "evidence", T0, "Inv", "{}");
        AgentContextEntry agent = AgentContextEntry.of(unique("agent"), "s", T0, "{}");
        store.investigations().create(inv);
        store.agents().create(agent);

        assertThatExceptionOfType(ContextAlreadyExistsException.class)
                .isThrownBy(() -> store.investigations().create(inv));
        assertThatExceptionOfType(ContextAlreadyExistsException.class)
                .isThrownBy(() -> store.agents().create(agent));
    }

    @Test
    void create_overAnExpiredEntry_storesTheNewEntryAtVersionOne() {
        AgentContextEntry old = AgentContextEntry.of(unique("agent"), "s", T0, "{\"old\":true}");
        AgentContextEntry stored = store.agents().create(old);
        store.agents().update(stored.withPayload("{\"old\":2}"));
        clock.advance(Duration.ofDays(2));

        AgentContextEntry renewed = store.agents().create(old.withPayload("{\"new\":true}"));

        assertThat(renewed.version()).isEqualTo(1);
        assertThat(store.agents().find(old.agentId(), "s", T0)).contains(renewed);
    }

    @Test
    void update_atTheStoredVersion_storesItAtTheNextVersion() {
        GlobalContextEntry stored = store.global()
                .create(GlobalContextEntry.of(unique("pattern"), T0, "item-1", "Recon", "LOW", "{\"n\":1}"));

        GlobalContextEntry updated = store.global().update(stored.withPayload("{\"n\":2}"));
        GlobalContextEntry again = store.global().update(updated.withPayload("{\"n\":3}"));

        assertThat(updated.version()).isEqualTo(2);
        assertThat(again.version()).isEqualTo(3);
        assertThat(store.global().find(stored.contextType(), T0, stored.itemId()))
                .contains(again);
    }

    @Test
    void update_withAStaleVersion_throwsVersionConflictAndKeepsTheNewerEntry() {
        InvestigationContextEntry stored = store.investigations()
                .create(InvestigationContextEntry.of(unique("inv"), "timeline", T0, "Rca", "{\"n\":1}"));
        InvestigationContextEntry winner = store.investigations().update(stored.withPayload("{\"n\":\"winner\"}"));

        assertThatExceptionOfType(ContextVersionConflictException.class)
                .isThrownBy(() -> store.investigations().update(stored.withPayload("{\"n\":\"loser\"}")));
        assertThat(store.investigations().find(stored.investigationId(), "timeline", T0))
                .contains(winner);
    }

    /** Overridden where the backend under test cannot serialise concurrent conditional writes (moto). */
    @Test
    protected void update_concurrentWritersAtTheSameVersion_exactlyOneWins() throws Exception {
        GlobalContextEntry stored =
                store.global().create(GlobalContextEntry.of(unique("pattern"), T0, "item-1", null, null, "{\"n\":0}"));
        int writers = 6;
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<Boolean>> outcomes = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                String payload = "{\"n\":" + (i + 1) + "}";
                outcomes.add(pool.submit(() -> {
                    start.await();
                    try {
                        store.global().update(stored.withPayload(payload));
                        return true;
                    } catch (ContextVersionConflictException e) {
                        return false;
                    }
                }));
            }
            start.countDown();
            List<Boolean> won = new ArrayList<>();
            for (var outcome : outcomes) {
                won.add(outcome.get(30, TimeUnit.SECONDS));
            }

            assertThat(won).containsOnlyOnce(true);
            assertThat(store.global().find(stored.contextType(), T0, stored.itemId()))
                    .hasValueSatisfying(found -> assertThat(found.version()).isEqualTo(2));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void update_ofAMissingOrExpiredEntry_throwsVersionConflict() {
        AgentContextEntry never =
                AgentContextEntry.of(unique("agent"), "s", T0, "{}").withVersion(1);
        assertThatExceptionOfType(ContextVersionConflictException.class)
                .isThrownBy(() -> store.agents().update(never));

        AgentContextEntry stored = store.agents().create(AgentContextEntry.of(unique("agent"), "s", T0, "{}"));
        clock.advance(Duration.ofDays(1).plusSeconds(1));
        assertThatExceptionOfType(ContextVersionConflictException.class)
                .isThrownBy(() -> store.agents().update(stored.withPayload("{\"late\":true}")));
    }

    // --- range queries on each table and index --------------------------------------------------

    @Test
    void findByContextType_timeRange_returnsEntriesWithinInclusiveBoundsOldestFirst() {
        String type = unique("pattern");
        for (int i = 0; i < 5; i++) {
            store.global().create(GlobalContextEntry.of(type, T0.plusSeconds(i * 10L), "item-1", null, null, "{}"));
        }
        store.global().create(GlobalContextEntry.of(unique("other"), T0.plusSeconds(20), "item-1", null, null, "{}"));

        Page<GlobalContextEntry> page = store.global()
                .findByContextType(
                        type, TimeRange.between(T0.plusSeconds(10), T0.plusSeconds(30)), PageRequest.first(10));

        assertThat(page.items())
                .extracting(GlobalContextEntry::timestamp)
                .containsExactly(T0.plusSeconds(10), T0.plusSeconds(20), T0.plusSeconds(30));
        assertThat(page.items()).allSatisfy(e -> assertThat(e.contextType()).isEqualTo(type));
    }

    // --- GlobalContextTable: <instant>#<item id> sort keys ------------------------------------

    @Test
    void create_globalEntriesAtTheSameInstant_withDistinctItemIds_areAllStoredWithoutProbing() {
        String type = unique("pattern");
        String threat = unique("threat");
        String severity = unique("sev");
        List<String> ids = List.of("threat-b", "threat-a", "threat-c");
        for (String id : ids) {
            store.global().create(GlobalContextEntry.of(type, T0, id, threat, severity, "{\"id\":\"" + id + "\"}"));
        }

        assertThat(store.global().find(type, T0, "threat-b")).hasValueSatisfying(found -> {
            assertThat(found.itemId()).isEqualTo("threat-b");
            assertThat(found.timestamp()).isEqualTo(T0);
            assertThat(found.payload()).isEqualTo("{\"id\":\"threat-b\"}");
            assertThat(found.sortKey()).isEqualTo("2026-11-26T11:00:00.000000Z#threat-b");
        });
        assertThat(store.global()
                        .findByContextType(type, around(T0), PageRequest.first(10))
                        .items())
                .extracting(GlobalContextEntry::itemId)
                .containsExactly("threat-a", "threat-b", "threat-c");
        assertThat(store.global()
                        .findByThreatType(threat, around(T0), PageRequest.first(10))
                        .items())
                .extracting(GlobalContextEntry::itemId)
                .containsExactly("threat-a", "threat-b", "threat-c");
        assertThat(store.global()
                        .findBySeverity(severity, TimeRange.between(T0, T0), PageRequest.newestFirst(10))
                        .items())
                .extracting(GlobalContextEntry::itemId)
                .containsExactly("threat-c", "threat-b", "threat-a");
    }

    @Test
    void create_globalEntryOfTheSameInstantAndItemId_throwsAlreadyExists_soARedeliveryWritesOnce() {
        String type = unique("pattern");
        store.global().create(GlobalContextEntry.of(type, T0, "threat-1", null, null, "{\"n\":1}"));

        assertThatExceptionOfType(ContextAlreadyExistsException.class)
                .isThrownBy(() ->
                        store.global().create(GlobalContextEntry.of(type, T0, "threat-1", null, null, "{\"n\":2}")));
        assertThat(store.global()
                        .findByContextType(type, around(T0), PageRequest.first(10))
                        .items())
                .singleElement()
                .satisfies(e -> assertThat(e.payload()).isEqualTo("{\"n\":1}"));
    }

    @Test
    void findByContextType_rangeBoundsOnTheInstant_includeEveryItemIdOfBothEndInstantsAndNothingOutside() {
        String type = unique("pattern");
        Instant from = T0;
        Instant to = T0.plusSeconds(5);
        // ids that sort low and high, in UTF-8 as in UTF-16, around the separator '#' and its successor '$'
        for (String id : List.of("!", "#x", "$", "zz", "\u00e9t\u00e9", "\ud83d\ude00")) {
            store.global().create(GlobalContextEntry.of(type, from, id, null, null, "{}"));
            store.global().create(GlobalContextEntry.of(type, to, id, null, null, "{}"));
        }
        store.global().create(GlobalContextEntry.of(type, from.minusNanos(1_000), "before", null, null, "{}"));
        store.global().create(GlobalContextEntry.of(type, to.plusNanos(1_000), "after", null, null, "{}"));

        List<GlobalContextEntry> found = allPages(
                page -> store.global().findByContextType(type, TimeRange.between(from, to), page),
                PageRequest.first(5));

        assertThat(found).hasSize(12).extracting(GlobalContextEntry::itemId).doesNotContain("before", "after");
        assertThat(found).extracting(GlobalContextEntry::timestamp).isSorted().containsOnly(from, to);
        assertThat(allPages(
                        page -> store.global().findByContextType(type, TimeRange.between(to, to), page),
                        PageRequest.newestFirst(4)))
                .hasSize(6)
                .allSatisfy(e -> assertThat(e.timestamp()).isEqualTo(to));
    }

    @Test
    void globalEntry_itemIdWithAControlCharacterOrBlank_isRefused() {
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> GlobalContextEntry.of("pattern", T0, "a\nb", null, null, "{}"));
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> GlobalContextEntry.of("pattern", T0, " ", null, null, "{}"));
    }

    @Test
    void findByContextType_newestFirst_returnsDescendingOrder() {
        String type = unique("pattern");
        for (int i = 0; i < 4; i++) {
            store.global().create(GlobalContextEntry.of(type, T0.plusSeconds(i), "item-1", null, null, "{}"));
        }

        Page<GlobalContextEntry> page = store.global().findByContextType(type, around(T0), PageRequest.newestFirst(10));

        assertThat(page.items())
                .extracting(GlobalContextEntry::timestamp)
                .containsExactly(T0.plusSeconds(3), T0.plusSeconds(2), T0.plusSeconds(1), T0);
    }

    @Test
    void findByThreatType_timeRange_returnsThatThreatTypeAcrossContextTypesInOrder() {
        String threat = unique("threat");
        store.global().create(GlobalContextEntry.of(unique("a"), T0.plusSeconds(2), "item-1", threat, "HIGH", "{}"));
        store.global().create(GlobalContextEntry.of(unique("b"), T0.plusSeconds(1), "item-1", threat, "LOW", "{}"));
        store.global()
                .create(GlobalContextEntry.of(unique("c"), T0.plusSeconds(3), "item-1", unique("other"), "HIGH", "{}"));
        store.global().create(GlobalContextEntry.of(unique("d"), T0.plusSeconds(100), "item-1", threat, "LOW", "{}"));

        Page<GlobalContextEntry> page = store.global()
                .findByThreatType(threat, TimeRange.between(T0, T0.plusSeconds(50)), PageRequest.first(10));

        assertThat(page.items())
                .extracting(GlobalContextEntry::timestamp)
                .containsExactly(T0.plusSeconds(1), T0.plusSeconds(2));
        assertThat(page.items()).allSatisfy(e -> assertThat(e.threatType()).isEqualTo(threat));
    }

    @Test
    void findBySeverity_timeRange_returnsThatSeverityInOrder() {
        String severity = unique("sev");
        store.global().create(GlobalContextEntry.of(unique("a"), T0.plusSeconds(5), "item-1", null, severity, "{}"));
        store.global().create(GlobalContextEntry.of(unique("b"), T0.plusSeconds(4), "item-1", "X", severity, "{}"));
        store.global()
                .create(GlobalContextEntry.of(unique("c"), T0.plusSeconds(4), "item-1", "X", unique("other"), "{}"));
        store.global().create(GlobalContextEntry.of(unique("d"), T0.minusSeconds(100), "item-1", "X", severity, "{}"));

        Page<GlobalContextEntry> page = store.global()
                .findBySeverity(severity, TimeRange.between(T0, T0.plusSeconds(10)), PageRequest.first(10));

        assertThat(page.items())
                .extracting(GlobalContextEntry::timestamp)
                .containsExactly(T0.plusSeconds(4), T0.plusSeconds(5));
    }

    @Test
    void findByLevel_timeRange_returnsOnlyThatLevelInOrder() {
        String inv = unique("inv");
        store.investigations().create(InvestigationContextEntry.of(inv, "evidence", T0.plusSeconds(2), "A", "{}"));
        store.investigations().create(InvestigationContextEntry.of(inv, "evidence", T0.plusSeconds(1), "B", "{}"));
        store.investigations().create(InvestigationContextEntry.of(inv, "timeline", T0.plusSeconds(1), "A", "{}"));
        store.investigations().create(InvestigationContextEntry.of(inv, "evidence", T0.plusSeconds(99), "A", "{}"));
        store.investigations()
                .create(InvestigationContextEntry.of(unique("inv"), "evidence", T0.plusSeconds(1), "A", "{}"));

        Page<InvestigationContextEntry> page = store.investigations()
                .findByLevel(inv, "evidence", TimeRange.between(T0, T0.plusSeconds(10)), PageRequest.first(10));

        assertThat(page.items())
                .extracting(InvestigationContextEntry::agentId, InvestigationContextEntry::timestamp)
                .containsExactly(tuple("B", T0.plusSeconds(1)), tuple("A", T0.plusSeconds(2)));
    }

    @Test
    void findByAgent_timeRange_returnsThatAgentsEntriesAcrossLevelsInOrder() {
        String inv = unique("inv");
        store.investigations().create(InvestigationContextEntry.of(inv, "timeline", T0.plusSeconds(3), "Rca", "{}"));
        store.investigations().create(InvestigationContextEntry.of(inv, "evidence", T0.plusSeconds(1), "Rca", "{}"));
        store.investigations().create(InvestigationContextEntry.of(inv, "evidence", T0.plusSeconds(2), "Inv", "{}"));
        store.investigations().create(InvestigationContextEntry.of(inv, "evidence", T0.plusSeconds(99), "Rca", "{}"));
        store.investigations()
                .create(InvestigationContextEntry.of(unique("inv"), "evidence", T0.plusSeconds(1), "Rca", "{}"));

        Page<InvestigationContextEntry> page = store.investigations()
                .findByAgent(inv, "Rca", TimeRange.between(T0, T0.plusSeconds(10)), PageRequest.first(10));

        assertThat(page.items())
                .extracting(InvestigationContextEntry::contextLevel, InvestigationContextEntry::timestamp)
                .containsExactly(tuple("evidence", T0.plusSeconds(1)), tuple("timeline", T0.plusSeconds(3)));
    }

    @Test
    void findBySession_timeRange_returnsOnlyThatSessionInOrder() {
        String agent = unique("agent");
        store.agents().create(AgentContextEntry.of(agent, "s1", T0.plusSeconds(2), "{}"));
        store.agents().create(AgentContextEntry.of(agent, "s1", T0.plusSeconds(1), "{}"));
        store.agents().create(AgentContextEntry.of(agent, "s2", T0.plusSeconds(1), "{}"));
        store.agents().create(AgentContextEntry.of(agent, "s10", T0.plusSeconds(1), "{}"));
        store.agents().create(AgentContextEntry.of(agent, "s1", T0.minusSeconds(1), "{}"));

        Page<AgentContextEntry> page = store.agents()
                .findBySession(agent, "s1", TimeRange.between(T0, T0.plusSeconds(10)), PageRequest.first(10));

        assertThat(page.items())
                .extracting(AgentContextEntry::sessionId, AgentContextEntry::timestamp)
                .containsExactly(tuple("s1", T0.plusSeconds(1)), tuple("s1", T0.plusSeconds(2)));
    }

    // --- pagination -------------------------------------------------------------------------------

    @Test
    void findByContextType_pagedWithCursors_returnsEveryEntryOnceInOrderBothWays() {
        String type = unique("pattern");
        List<Instant> times = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            times.add(T0.plusSeconds(i));
            store.global().create(GlobalContextEntry.of(type, T0.plusSeconds(i), "item-1", null, null, "{}"));
        }

        List<GlobalContextEntry> ascending =
                allPages(page -> store.global().findByContextType(type, around(T0), page), PageRequest.first(3));
        List<GlobalContextEntry> descending =
                allPages(page -> store.global().findByContextType(type, around(T0), page), PageRequest.newestFirst(3));

        assertThat(ascending).extracting(GlobalContextEntry::timestamp).containsExactlyElementsOf(times);
        assertThat(descending).extracting(GlobalContextEntry::timestamp).containsExactlyElementsOf(times.reversed());
    }

    @Test
    void firstPage_ofAQueryWithMoreEntries_holdsTheLimitAndACursor() {
        String type = unique("pattern");
        for (int i = 0; i < 3; i++) {
            store.global().create(GlobalContextEntry.of(type, T0.plusSeconds(i), "item-1", null, null, "{}"));
        }

        Page<GlobalContextEntry> page = store.global().findByContextType(type, around(T0), PageRequest.first(2));

        assertThat(page.items()).hasSize(2);
        assertThat(page.nextCursor()).isPresent();
    }

    @Test
    void findByThreatType_pagedWithCursors_returnsEveryEntryOnce() {
        String threat = unique("threat");
        List<String> types = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String type = unique("t" + i);
            types.add(type);
            store.global().create(GlobalContextEntry.of(type, T0.plusSeconds(i), "item-1", threat, "HIGH", "{}"));
        }

        List<GlobalContextEntry> all =
                allPages(page -> store.global().findByThreatType(threat, around(T0), page), PageRequest.first(2));

        assertThat(all).extracting(GlobalContextEntry::contextType).containsExactlyElementsOf(types);
    }

    @Test
    void findByAgent_pagedWithCursors_returnsEveryEntryOnce() {
        String inv = unique("inv");
        List<String> levels = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            levels.add("level" + (4 - i));
            store.investigations()
                    .create(InvestigationContextEntry.of(inv, "level" + (4 - i), T0.plusSeconds(i), "Inv", "{}"));
        }

        List<InvestigationContextEntry> all = allPages(
                page -> store.investigations().findByAgent(inv, "Inv", around(T0), page), PageRequest.first(2));

        assertThat(all).extracting(InvestigationContextEntry::contextLevel).containsExactlyElementsOf(levels);
    }

    @Test
    void findBySession_pagedWithCursors_returnsEveryEntryOnce() {
        String agent = unique("agent");
        for (int i = 0; i < 5; i++) {
            store.agents().create(AgentContextEntry.of(agent, "s", T0.plusSeconds(i), "{}"));
        }

        List<AgentContextEntry> all =
                allPages(page -> store.agents().findBySession(agent, "s", around(T0), page), PageRequest.first(4));

        assertThat(all).hasSize(5).extracting(AgentContextEntry::timestamp).isSorted();
    }

    @Test
    void query_withATamperedCursor_throwsInvalidCursor() {
        String type = unique("pattern");
        for (int i = 0; i < 3; i++) {
            store.global().create(GlobalContextEntry.of(type, T0.plusSeconds(i), "item-1", "Recon", "LOW", "{}"));
        }
        String cursor = store.global()
                .findByContextType(type, around(T0), PageRequest.first(1))
                .nextCursor()
                .orElseThrow();
        int middle = cursor.length() / 2;
        String flipped =
                cursor.substring(0, middle) + (cursor.charAt(middle) == 'A' ? 'B' : 'A') + cursor.substring(middle + 1);

        assertThatExceptionOfType(InvalidCursorException.class)
                .isThrownBy(() -> store.global()
                        .findByContextType(
                                type, around(T0), PageRequest.first(1).next(flipped)));
        assertThatExceptionOfType(InvalidCursorException.class)
                .isThrownBy(() -> store.global()
                        .findByContextType(
                                type, around(T0), PageRequest.first(1).next("not a cursor!")));
        assertThatExceptionOfType(InvalidCursorException.class)
                .isThrownBy(() -> store.global()
                        .findByContextType(
                                unique("other"),
                                around(T0),
                                PageRequest.first(1).next(cursor)))
                .withMessageContaining("another partition");
        assertThatExceptionOfType(InvalidCursorException.class)
                .isThrownBy(() -> store.global()
                        .findByThreatType(
                                "Recon", around(T0), PageRequest.first(1).next(cursor)))
                .withMessageContaining("belongs to a query of");
        assertThatExceptionOfType(InvalidCursorException.class)
                .isThrownBy(() -> store.global()
                        .findByContextType(
                                type,
                                TimeRange.between(T0.plusSeconds(2), T0.plusSeconds(3)),
                                PageRequest.first(1).next(cursor)))
                .withMessageContaining("outside the queried range");
    }

    // --- item size ---------------------------------------------------------------------------------

    @Test
    void create_itemOverTheLimitInUtf8Bytes_throwsItemTooLargeAndStoresNothing() {
        GlobalContextEntry huge =
                GlobalContextEntry.of(unique("pattern"), T0, "item-1", null, null, "é".repeat(205_000));

        assertThatExceptionOfType(ContextItemTooLargeException.class)
                .isThrownBy(() -> store.global().create(huge))
                .satisfies(e -> assertThat(e.sizeBytes()).isGreaterThan(400_000));
        assertThat(store.global().find(huge.contextType(), T0, huge.itemId())).isEmpty();
    }

    @Test
    void create_itemBetweenTheDocumentedAndTheEnforcedLimit_throwsItemTooLarge() {
        GlobalContextEntry big =
                GlobalContextEntry.of(unique("pattern"), T0, "item-1", null, null, "x".repeat(406_000));

        assertThatExceptionOfType(ContextItemTooLargeException.class)
                .isThrownBy(() -> store.global().create(big));
        assertThat(store.global().find(big.contextType(), T0, big.itemId())).isEmpty();
    }

    @Test
    void update_toAnItemOverTheLimit_throwsItemTooLargeAndKeepsTheStoredEntry() {
        AgentContextEntry stored = store.agents().create(AgentContextEntry.of(unique("agent"), "s", T0, "{}"));

        assertThatExceptionOfType(ContextItemTooLargeException.class)
                .isThrownBy(() -> store.agents().update(stored.withPayload("x".repeat(410_000))));
        assertThat(store.agents().find(stored.agentId(), "s", T0)).contains(stored);
    }

    @Test
    void create_itemJustUnderTheLimit_isStored() {
        InvestigationContextEntry big =
                InvestigationContextEntry.of(unique("inv"), "evidence", T0, "Inv", "x".repeat(399_000));

        store.investigations().create(big);

        assertThat(store.investigations().find(big.investigationId(), "evidence", T0))
                .hasValueSatisfying(found -> assertThat(found.payload()).hasSize(399_000));
    }

    // --- environments --------------------------------------------------------------------------------

    @Test
    void tables_ofAnEnvironment_carryItsPrefix() {
        assertThat(store.tables().names())
                .containsExactly(
                        environment() + "-GlobalContextTable",
                        environment() + "-InvestigationContextTable",
                        environment() + "-AgentContextTable");
        assertThat(existingTableNames(store)).containsAll(store.tables().names());
    }

    @Test
    void entries_ofOneEnvironment_areAbsentFromAnother() {
        String type = unique("pattern");
        store.global().create(GlobalContextEntry.of(type, T0, "item-1", null, null, "{}"));
        store.close();
        String otherEnvironment = environment() + "-other";

        try (ContextStore other = openStore(ContextTables.forEnvironment(otherEnvironment), clock)) {
            assertThat(other.global().find(type, T0, "item-1")).isEmpty();
            assertThat(existingTableNames(other)).contains(otherEnvironment + "-GlobalContextTable");
        }
        store = openStore(ContextTables.forEnvironment(environment()), clock);
        assertThat(store.global().find(type, T0, "item-1")).isPresent();
    }

    // --- whole investigation (archiving on closure) -----------------------------------------------

    @Test
    void findByInvestigation_pagesThroughEveryLevelInKeyOrder_skippingExpiredAndOtherInvestigations() {
        String investigation = unique("inv");
        List<InvestigationContextEntry> live = new ArrayList<>();
        for (String level : List.of("timeline", "evidence", "root-cause")) {
            for (int i = 0; i < 2; i++) {
                live.add(store.investigations()
                        .create(InvestigationContextEntry.of(
                                investigation, level, T0.plusSeconds(i), "Investigation", "{}")));
            }
        }
        store.investigations()
                .create(new InvestigationContextEntry(
                        investigation, "evidence", T0.plusSeconds(9), "Investigation", "{}", 0, START.plusSeconds(1)));
        store.investigations().create(InvestigationContextEntry.of(investigation + "x", "evidence", T0, "I", "{}"));
        clock.advance(Duration.ofSeconds(2));

        List<InvestigationContextEntry> found = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        PageRequest request = PageRequest.first(4);
        while (true) {
            Page<InvestigationContextEntry> page = store.investigations().findByInvestigation(investigation, request);
            found.addAll(page.items());
            pageSizes.add(page.items().size());
            if (page.nextCursor().isEmpty()) {
                break;
            }
            request = request.next(page.nextCursor().get());
        }

        assertThat(found)
                .extracting(e -> e.contextLevel() + "@" + e.timestamp().getEpochSecond())
                .containsExactlyElementsOf(live.stream()
                        .sorted(java.util.Comparator.comparing(InvestigationContextEntry::contextLevel)
                                .thenComparing(InvestigationContextEntry::timestamp))
                        .map(e -> e.contextLevel() + "@" + e.timestamp().getEpochSecond())
                        .toList());
        assertThat(pageSizes.getFirst()).isEqualTo(4);
    }

    // --- helpers ---------------------------------------------------------------------------------------

    protected static String unique(String prefix) {
        return TestBackends.uniqueName(prefix);
    }

    protected static TimeRange around(Instant t) {
        return TimeRange.between(t.minus(Duration.ofHours(1)), t.plus(Duration.ofHours(1)));
    }

    /** Follows the cursors to the end, failing on a runaway loop. */
    protected static <T> List<T> allPages(Function<PageRequest, Page<T>> query, PageRequest first) {
        List<T> all = new ArrayList<>();
        PageRequest request = first;
        for (int pages = 0; pages < 100; pages++) {
            Page<T> page = query.apply(request);
            assertThat(page.items()).hasSizeLessThanOrEqualTo(first.limit());
            all.addAll(page.items());
            if (page.nextCursor().isEmpty()) {
                return all;
            }
            request = request.next(page.nextCursor().get());
        }
        throw new AssertionError("more than 100 pages");
    }
}
