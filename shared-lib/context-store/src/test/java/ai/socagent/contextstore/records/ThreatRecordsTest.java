package ai.socagent.contextstore.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.socagent.contextstore.ContextStore;
import ai.socagent.contextstore.ContextTables;
import ai.socagent.contextstore.InvestigationContextEntry;
import ai.socagent.contextstore.Page;
import ai.socagent.contextstore.adapter.out.embedded.EmbeddedContextStore;
import ai.socagent.domain.Severity;
import ai.socagent.domain.audit.AuditEntry;
import ai.socagent.domain.classification.Classification;
import ai.socagent.domain.classification.ThreatCategory;
import ai.socagent.domain.event.ThreatSubmitted;
import ai.socagent.domain.finding.Finding;
import ai.socagent.domain.finding.FindingFormat;
import ai.socagent.domain.investigation.Investigation;
import ai.socagent.domain.threat.Threat;
import ai.socagent.domainjson.ContextRecordException;
import ai.socagent.domainjson.ContextRecords;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThreatRecordsTest {

    private static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");

    @TempDir
    Path directory;

    private ContextStore store;
    private ThreatRecords threats;
    private InvestigationRecords investigations;

    @BeforeEach
    void open() {
        store = EmbeddedContextStore.open(directory.resolve("store.mv"), ContextTables.forEnvironment("test"));
        threats = new ThreatRecords(store);
        investigations = new InvestigationRecords(store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    static Threat threat(String sourceId, Instant submittedAt) {
        Finding finding = Finding.builder()
                .format(FindingFormat.PLAIN_THREAT)
                .sourceFindingId(sourceId)
                .findingType("Backdoor:EC2/C&CActivity.B")
                .title("C2 beacon " + sourceId)
                .severity(Severity.HIGH)
                .sourceSeverityScore(3)
                .firstSeen(submittedAt)
                .lastSeen(submittedAt)
                .rawPayload("{}")
                .receivedAt(submittedAt)
                .build();
        return Threat.forFinding(finding, "corr-" + sourceId, submittedAt);
    }

    @Test
    void recordArrival_thenFind_givesTheThreatBackByIdAfterReopening() {
        Threat threat = threat("t-1", T0);

        threats.recordArrival(threat, "soc-api");
        store.close();
        open();

        assertThat(threats.find(threat.threatId())).contains(threat);
        assertThat(threats.find(threat("unknown", T0).threatId())).isEmpty();
    }

    @Test
    void recordArrival_twice_keepsTheFirstAndListsItOnce() {
        Threat threat = threat("t-1", T0);

        threats.recordArrival(threat, "soc-api");
        threats.recordArrival(threat, "ThreatClassifier");

        assertThat(threats.newest(10, Optional.empty()).items()).containsExactly(threat);
        assertThat(investigations
                        .first(Investigation.idForThreat(threat.threatId()), ContextRecords.THREAT)
                        .orElseThrow()
                        .agentId())
                .isEqualTo("soc-api");
    }

    @Test
    void recordArrival_sameThreatLater_keepsTheFirstArrivalAndListsItOnce() {
        Threat first = threat("t-1", T0);
        Threat again = Threat.forFinding(first.finding(), "corr-retry", T0.plusSeconds(90));

        assertThat(threats.recordArrival(first, "soc-api")).isEqualTo(first);
        assertThat(threats.recordArrival(again, "soc-api")).isEqualTo(first);

        assertThat(threats.newest(10, Optional.empty()).items()).containsExactly(first);
        assertThat(threats.find(first.threatId())).contains(first);
    }

    @Test
    void recordArrival_crashAfterTheInvestigationRecord_theRetryListsTheFirstArrival() {
        Threat first = threat("t-1", T0);
        // as if the process died between the two writes of the first arrival
        investigations.putIfAbsent(
                Investigation.idForThreat(first.threatId()), ContextRecords.THREAT, "soc-api", first);

        threats.recordArrival(Threat.forFinding(first.finding(), "corr-retry", T0.plusSeconds(5)), "soc-api");

        assertThat(threats.newest(10, Optional.empty()).items()).containsExactly(first);
    }

    @Test
    void newest_pagesThroughEveryThreatNewestFirst() {
        List<Threat> recorded = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Threat threat = threat("t-" + i, T0.plusSeconds(i));
            threats.recordArrival(threat, "soc-api");
            recorded.add(0, threat);
        }

        List<Threat> listed = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            Page<Threat> page = threats.newest(3, cursor);
            listed.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor.isPresent());

        assertThat(listed).containsExactlyElementsOf(recorded);
    }

    @Test
    void snapshot_holdsEveryRecordOfTheInvestigationInTimeOrder() {
        Threat threat = threat("t-1", T0);
        String investigationId = Investigation.idForThreat(threat.threatId());
        Classification classification = new Classification(
                ThreatCategory.BACKDOOR, Severity.CRITICAL, 0.9, List.of(), List.of(), "offline", T0.plusSeconds(2));
        AuditEntry submitted = AuditEntry.of(ThreatSubmitted.of(threat, T0.plusSeconds(1)));
        threats.recordArrival(threat, "soc-api");
        investigations.putIfAbsent(investigationId, ContextRecords.CLASSIFICATION, "ThreatClassifier", classification);
        investigations.putIfAbsent(
                investigationId,
                ContextRecords.AUDIT_ENTRY,
                submitted.eventId(),
                submitted.occurredAt(),
                "soc-api",
                submitted);

        boolean again = investigations.putIfAbsent(
                investigationId,
                ContextRecords.AUDIT_ENTRY,
                submitted.eventId(),
                submitted.occurredAt(),
                "soc-api",
                submitted);
        InvestigationSnapshot snapshot = investigations.snapshot(investigationId);

        assertThat(again).isFalse();
        assertThat(snapshot.latest(ContextRecords.THREAT)).contains(threat);
        assertThat(snapshot.latest(ContextRecords.CLASSIFICATION)).contains(classification);
        assertThat(snapshot.all(ContextRecords.AUDIT_ENTRY)).containsExactly(submitted);
        assertThat(snapshot.records())
                .extracting(StoredRecord::timestamp)
                .containsExactly(
                        InvestigationRecords.SINGLE_RECORD_TIME,
                        InvestigationRecords.SINGLE_RECORD_TIME,
                        T0.plusSeconds(1));
        assertThat(investigations
                        .snapshot(Investigation.idForThreat(threat("x", T0).threatId()))
                        .isEmpty())
                .isTrue();
    }

    @Test
    void snapshot_levelOfAnUnknownType_isReportedNotGuessed_andACorruptRecordFails() {
        Threat threat = threat("t-1", T0);
        String investigationId = Investigation.idForThreat(threat.threatId());
        store.investigations().create(InvestigationContextEntry.of(investigationId, "playbook", T0, "future", "{}"));

        assertThat(investigations.snapshot(investigationId).unreadable()).containsExactly("playbook");

        store.investigations()
                .create(InvestigationContextEntry.of(investigationId, "classification", T0, "someone", "{}"));
        assertThatThrownBy(() -> investigations.snapshot(investigationId))
                .isInstanceOf(ContextRecordException.class)
                .hasMessageContaining("classification");
        assertThatThrownBy(() -> investigations.putIfAbsent(
                        investigationId, ContextRecords.AUDIT_ENTRY, "a#b", T0, "soc-api", null))
                .hasMessageContaining("qualifier");
    }
}
