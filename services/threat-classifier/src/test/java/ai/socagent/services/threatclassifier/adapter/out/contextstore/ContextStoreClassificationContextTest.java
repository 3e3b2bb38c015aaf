package ai.socagent.services.threatclassifier.adapter.out.contextstore;

import static org.assertj.core.api.Assertions.assertThat;

import ai.socagent.agentruntime.model.ModelAnswer;
import ai.socagent.contextstore.AgentContextEntry;
import ai.socagent.contextstore.ContextStore;
import ai.socagent.contextstore.ContextTables;
import ai.socagent.contextstore.GlobalContextEntry;
import ai.socagent.contextstore.PageRequest;
import ai.socagent.contextstore.TimeRange;
import ai.socagent.contextstore.adapter.out.embedded.EmbeddedContextStore;
import ai.socagent.contextstore.adapter.out.local.LocalDirectoryEvidenceStore;
import ai.socagent.contextstore.records.InvestigationRecords;
import ai.socagent.contextstore.records.RawFindings;
import ai.socagent.contextstore.records.ThreatRecords;
import ai.socagent.domain.agent.AgentName;
import ai.socagent.domain.agent.AgentWork;
import ai.socagent.domain.classification.ThreatPattern;
import ai.socagent.domain.threat.Threat;
import ai.socagent.domainjson.ContextRecordCodec;
import ai.socagent.domainjson.ContextRecords;
import ai.socagent.ingestion.FindingIngestion;
import ai.socagent.ingestion.SampleFindings;
import ai.socagent.services.threatclassifier.TestClassifiers;
import ai.socagent.services.threatclassifier.application.ClassifyThreatService;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The classifier's context on the embedded store (the contract suite proves DynamoDB behaves alike). */
class ContextStoreClassificationContextTest {

    private static final Instant SUBMITTED = Instant.parse("2026-11-26T12:00:00.123456Z");
    private static final Instant CLASSIFIED = SUBMITTED.plusSeconds(2);
    private static final TimeRange AROUND = TimeRange.between(SUBMITTED.minusSeconds(60), SUBMITTED.plusSeconds(60));

    @TempDir
    Path directory;

    private ContextStore store;
    private ContextStoreClassificationContext context;
    private RawFindings rawFindings;
    private final FindingIngestion ingestion = FindingIngestion.withDefaults();
    private final ClassifyThreatService service =
            new ClassifyThreatService(TestClassifiers.offline(), Clock.fixed(CLASSIFIED, ZoneOffset.UTC));

    @BeforeEach
    void openStore() {
        store = EmbeddedContextStore.open(directory.resolve("context.mv"), ContextTables.forEnvironment("test"));
        rawFindings = new RawFindings(LocalDirectoryEvidenceStore.create(
                directory.resolve("evidence"), Duration.ofDays(1), Clock.systemUTC()));
        context = new ContextStoreClassificationContext(store, rawFindings);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void record_keepsTheClassificationInAllThreeTablesAsTypedRecords() {
        Threat threat = threat("guardduty/Backdoor_EC2_C_CActivity.B.json");
        var outcome = service.classifyWithOutcome(threat);
        String investigationId = record(threat);

        // (the offline engine stamps classifiedAt with its own clock, so each run differs there)
        assertThat(new InvestigationRecords(store).snapshot(investigationId).all(ContextRecords.CLASSIFICATION))
                .singleElement()
                .usingRecursiveComparison()
                .ignoringFields("classifiedAt")
                .isEqualTo(outcome.classification());

        List<GlobalContextEntry> sameCategory = store.global()
                .findByThreatType(outcome.classification().category().name(), AROUND, PageRequest.first(10))
                .items();
        assertThat(sameCategory).singleElement().satisfies(entry -> {
            assertThat(entry.severity())
                    .isEqualTo(outcome.classification().severity().name());
            ThreatPattern pattern =
                    ContextRecordCodec.of(ContextRecords.THREAT_PATTERN).decode(entry.payload());
            assertThat(pattern.investigationId()).isEqualTo(investigationId);
            assertThat(pattern.threatId()).isEqualTo(threat.threatId());
            assertThat(pattern.techniqueIds()).isNotEmpty();
            assertThat(pattern.resourceId())
                    .isEqualTo(threat.finding().primaryResource().map(r -> r.id()));
        });

        List<AgentContextEntry> session = store.agents()
                .findBySession(
                        AgentName.THREAT_CLASSIFIER.displayName(), investigationId, AROUND, PageRequest.first(10))
                .items();
        assertThat(session).singleElement().satisfies(entry -> {
            AgentWork work = ContextRecordCodec.of(ContextRecords.AGENT_WORK).decode(entry.payload());
            assertThat(work.task()).isEqualTo(ContextStoreClassificationContext.TASK);
            assertThat(work.producedBy()).isEqualTo(ModelAnswer.OFFLINE_ENGINE);
            assertThat(work.completedAt()).isEqualTo(CLASSIFIED);
        });
    }

    @Test
    void record_sameThreatAgain_writesNothingTwice() {
        Threat threat = threat("guardduty/Backdoor_EC2_C_CActivity.B.json");
        String investigationId = record(threat);
        record(threat);
        record(threat);

        assertThat(store.investigations()
                        .findByInvestigation(investigationId, PageRequest.first(10))
                        .items())
                .hasSize(1);
        assertThat(store.global()
                        .findByContextType(
                                ContextStoreClassificationContext.CONTEXT_TYPE, AROUND, PageRequest.first(10))
                        .items())
                .singleElement()
                .satisfies(entry -> {
                    assertThat(entry.itemId()).isEqualTo(threat.threatId());
                    assertThat(entry.timestamp()).isEqualTo(SUBMITTED);
                });
    }

    @Test
    void record_threatsSubmittedInTheSameMicrosecond_eachKeepTheirOwnGlobalEntry() {
        List<Threat> threats = List.of(
                threat("guardduty/Backdoor_EC2_C_CActivity.B.json"),
                threat("guardduty/Recon_IAMUser_MaliciousIPCaller.json"),
                threat("guardduty/CryptoCurrency_EC2_BitcoinTool.B.json"));
        threats.forEach(this::record);
        threats.forEach(this::record); // redelivered

        List<GlobalContextEntry> global = store.global()
                .findByContextType(ContextStoreClassificationContext.CONTEXT_TYPE, AROUND, PageRequest.first(10))
                .items();
        assertThat(global)
                .extracting(entry -> ContextRecordCodec.of(ContextRecords.THREAT_PATTERN)
                        .decode(entry.payload())
                        .threatId())
                .containsExactlyInAnyOrderElementsOf(
                        threats.stream().map(Threat::threatId).toList());
        assertThat(global).extracting(GlobalContextEntry::itemId).doesNotHaveDuplicates();
        assertThat(global).extracting(GlobalContextEntry::timestamp).containsOnly(SUBMITTED);
    }

    @Test
    void record_aWholePayloadSubmittedAtOnce_keepsOneGlobalEntryPerThreatAtItsSubmissionInstant() {
        List<Threat> threats = SampleFindings.paths().stream()
                .flatMap(path -> ingestion.ingest(SampleFindings.read(path), SUBMITTED).findings().stream())
                .map(finding -> Threat.forFinding(finding, "corr-batch", SUBMITTED))
                .distinct()
                .toList();
        threats.forEach(this::record);

        List<GlobalContextEntry> global = store.global()
                .findByContextType(
                        ContextStoreClassificationContext.CONTEXT_TYPE, AROUND, PageRequest.first(threats.size() + 1))
                .items();
        assertThat(global)
                .extracting(GlobalContextEntry::itemId)
                .containsExactlyInAnyOrderElementsOf(
                        threats.stream().map(Threat::threatId).toList());
        assertThat(global).extracting(GlobalContextEntry::timestamp).containsOnly(SUBMITTED);
    }

    @Test
    void recordArrival_aThreatStraightFromAws_isFoundByIdAndListedWithItsPayloadKept() {
        String sample = "guardduty/Backdoor_EC2_C_CActivity.B.json";
        Threat threat = threat(sample);
        String payload = new String(SampleFindings.read(sample), java.nio.charset.StandardCharsets.UTF_8);
        Threat redelivered = Threat.forFinding(threat.finding(), "corr-again", SUBMITTED.plusSeconds(30));

        assertThat(context.recordArrival(threat, payload)).isEqualTo(threat);
        assertThat(context.recordArrival(redelivered, payload)).isEqualTo(threat);

        ThreatRecords threats = new ThreatRecords(store);
        assertThat(threats.find(threat.threatId())).contains(threat);
        assertThat(threats.newest(10, Optional.empty()).items()).containsExactly(threat);
        assertThat(rawFindings.load(threat.finding())).contains(payload);
    }

    private String record(Threat threat) {
        var outcome = service.classifyWithOutcome(threat);
        String investigationId = ClassifyThreatService.investigationIdFor(threat);
        context.record(
                threat, investigationId, outcome.classification(), outcome.producedBy(), Optional.empty(), CLASSIFIED);
        return investigationId;
    }

    private Threat threat(String sample) {
        return Threat.forFinding(
                ingestion
                        .ingest(SampleFindings.read(sample), SUBMITTED)
                        .findings()
                        .getFirst(),
                "corr-1",
                SUBMITTED);
    }
}
