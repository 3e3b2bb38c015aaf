package ai.socagent.services.threatclassifier.adapter.out.contextstore;

import static org.assertj.core.api.Assertions.assertThat;

import ai.socagent.agentruntime.model.ModelAnswer;
import ai.socagent.contextstore.ContextStore;
import ai.socagent.contextstore.ContextTables;
import ai.socagent.contextstore.GlobalContextEntry;
import ai.socagent.contextstore.InvestigationContextEntry;
import ai.socagent.contextstore.PageRequest;
import ai.socagent.contextstore.TimeRange;
import ai.socagent.contextstore.adapter.out.embedded.EmbeddedContextStore;
import ai.socagent.domain.agent.AgentName;
import ai.socagent.domain.threat.Threat;
import ai.socagent.ingestion.FindingIngestion;
import ai.socagent.ingestion.SampleFindings;
import ai.socagent.services.threatclassifier.TestClassifiers;
import ai.socagent.services.threatclassifier.application.ClassifyThreatService;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** The classifier's context on the embedded store (the contract suite proves DynamoDB behaves alike). */
class ContextStoreClassificationContextTest {

    private static final Instant SUBMITTED = Instant.parse("2026-11-26T12:00:00.123456Z");
    private static final Instant CLASSIFIED = SUBMITTED.plusSeconds(2);
    private static final TimeRange AROUND = TimeRange.between(SUBMITTED.minusSeconds(60), SUBMITTED.plusSeconds(60));
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path directory;

    private ContextStore store;
    private ContextStoreClassificationContext context;
    private final FindingIngestion ingestion = FindingIngestion.withDefaults();
    private final ClassifyThreatService service =
            new ClassifyThreatService(TestClassifiers.offline(), Clock.fixed(CLASSIFIED, ZoneOffset.UTC));

    @BeforeEach
    void openStore() {
        store = EmbeddedContextStore.open(directory.resolve("context.mv"), ContextTables.forEnvironment("test"));
        context = new ContextStoreClassificationContext(store);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void record_keepsTheClassificationInAllThreeTables() {
        Threat threat = threat("guardduty/Backdoor_EC2_C_CActivity.B.json");
        String investigationId = record(threat);

        List<InvestigationContextEntry> investigation = store.investigations()
                .findByLevel(
                        investigationId, ContextStoreClassificationContext.CONTEXT_LEVEL, AROUND, PageRequest.first(10))
                .items();
        assertThat(investigation).singleElement().satisfies(entry -> {
            assertThat(entry.agentId()).isEqualTo(AgentName.THREAT_CLASSIFIER.displayName());
            var payload = JSON.readTree(entry.payload());
            assertThat(payload.path("threatId").asString()).isEqualTo(threat.threatId());
            assertThat(payload.path("classification").path("techniques").isArray())
                    .isTrue();
            assertThat(payload.path("producedBy").asString()).isEqualTo(ModelAnswer.OFFLINE_ENGINE);
        });

        var outcome = service.classifyWithOutcome(threat);
        List<GlobalContextEntry> sameCategory = store.global()
                .findByThreatType(outcome.classification().category().name(), AROUND, PageRequest.first(10))
                .items();
        assertThat(sameCategory).singleElement().satisfies(entry -> {
            assertThat(entry.severity())
                    .isEqualTo(outcome.classification().severity().name());
            assertThat(JSON.readTree(entry.payload()).path("investigationId").asString())
                    .isEqualTo(investigationId);
        });

        assertThat(store.agents()
                        .findBySession(
                                AgentName.THREAT_CLASSIFIER.displayName(),
                                investigationId,
                                AROUND,
                                PageRequest.first(10))
                        .items())
                .hasSize(1);
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
                .hasSize(1);
    }

    @Test
    void record_threatsSubmittedInTheSameMicrosecond_eachKeepTheirOwnGlobalEntry() {
        List<Threat> threats = List.of(
                threat("guardduty/Backdoor_EC2_C_CActivity.B.json"),
                threat("guardduty/Recon_IAMUser_MaliciousIPCaller.json"),
                threat("guardduty/CryptoCurrency_EC2_BitcoinTool.B.json"));
        threats.forEach(this::record);
        threats.forEach(this::record); // redelivered, after the slots moved

        List<GlobalContextEntry> global = store.global()
                .findByContextType(ContextStoreClassificationContext.CONTEXT_TYPE, AROUND, PageRequest.first(10))
                .items();
        assertThat(global)
                .extracting(
                        entry -> JSON.readTree(entry.payload()).path("threatId").asString())
                .containsExactlyInAnyOrderElementsOf(
                        threats.stream().map(Threat::threatId).toList());
        assertThat(global).extracting(GlobalContextEntry::timestamp).doesNotHaveDuplicates();
    }

    @Test
    void record_aWholePayloadSubmittedAtOnce_landsMostlyOnFirstTriesWithinItsMillisecond() {
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
        assertThat(global).hasSize(threats.size());
        Instant millisecond = SUBMITTED.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        assertThat(global)
                .extracting(GlobalContextEntry::timestamp)
                .allSatisfy(timestamp -> assertThat(timestamp).isBetween(millisecond, millisecond.plusMillis(2)));
        long onFirstTry = threats.stream()
                .filter(threat -> store.global()
                        .find(
                                ContextStoreClassificationContext.CONTEXT_TYPE,
                                ContextStoreClassificationContext.firstGlobalSlot(threat))
                        .map(entry -> entry.payload().contains(threat.threatId()))
                        .orElse(false))
                .count();
        assertThat(onFirstTry).isGreaterThanOrEqualTo(threats.size() * 9L / 10);
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
