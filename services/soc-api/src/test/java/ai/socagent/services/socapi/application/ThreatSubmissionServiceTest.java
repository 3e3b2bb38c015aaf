package ai.socagent.services.socapi.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.socagent.contextstore.ContextStore;
import ai.socagent.contextstore.ContextTables;
import ai.socagent.contextstore.adapter.out.embedded.EmbeddedContextStore;
import ai.socagent.contextstore.adapter.out.local.LocalDirectoryEvidenceStore;
import ai.socagent.contextstore.records.InvestigationRecords;
import ai.socagent.contextstore.records.RawFindings;
import ai.socagent.contextstore.records.ThreatRecords;
import ai.socagent.domain.Severity;
import ai.socagent.domain.event.ThreatSubmitted;
import ai.socagent.domain.finding.FindingFormat;
import ai.socagent.domain.threat.Threat;
import ai.socagent.ingestion.FindingIngestion;
import ai.socagent.ingestion.FindingRejectedException;
import ai.socagent.ingestion.IngestionLimits;
import ai.socagent.services.socapi.adapter.out.contextstore.ContextStoreThreatReadModel;
import ai.socagent.services.socapi.application.port.in.SubmissionReceipt;
import ai.socagent.services.socapi.application.port.out.ThreatSubmissionPort;
import ai.socagent.services.socapi.domain.ThreatView;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The submission and query use cases over the real read model on an embedded store. */
class ThreatSubmissionServiceTest {

    private static final String PLAIN_THREAT = """
            {"title": "Beaconing to a known C2 host",
             "description": "web-01 contacts 203.0.113.7 every 60 seconds",
             "source": "edr", "severity": "HIGH",
             "resources": [{"type": "EC2_INSTANCE", "id": "i-0abc123def4567890"}],
             "indicators": [{"type": "IPV4", "value": "203.0.113.7"}]}
            """;
    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    @TempDir
    Path directory;

    private final List<ThreatSubmitted> published = new ArrayList<>();
    private ContextStore store;
    private ContextStoreThreatReadModel readModel;
    private ThreatQueryService queries;

    @BeforeEach
    void open() {
        store = EmbeddedContextStore.open(directory.resolve("store.mv"), ContextTables.forEnvironment("test"));
        readModel = new ContextStoreThreatReadModel(
                new ThreatRecords(store),
                new InvestigationRecords(store),
                new RawFindings(LocalDirectoryEvidenceStore.create(
                        directory.resolve("evidence"), Duration.ofDays(1), Clock.systemUTC())));
        queries = new ThreatQueryService(readModel);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private ThreatSubmissionService service(ThreatSubmissionPort pipeline, Instant now) {
        return new ThreatSubmissionService(
                new FindingIngestion(IngestionLimits.defaults()),
                readModel,
                pipeline,
                Clock.fixed(now, ZoneOffset.UTC));
    }

    private ThreatSubmissionService service() {
        return service(published::add, NOW);
    }

    @Test
    void submit_plainThreat_keepsOneThreatWithTheNormalisedFinding() {
        SubmissionReceipt receipt = service().submit(bytes(PLAIN_THREAT));

        assertThat(receipt.format()).isEqualTo(FindingFormat.PLAIN_THREAT);
        assertThat(receipt.threats()).singleElement().satisfies(threat -> {
            assertThat(threat.finding().title()).isEqualTo("Beaconing to a known C2 host");
            assertThat(threat.finding().severity()).isEqualTo(Severity.HIGH);
            assertThat(threat.submittedAt()).isEqualTo(NOW);
        });
        ThreatView stored =
                queries.findThreat(receipt.threats().getFirst().threatId()).orElseThrow();
        assertThat(stored.threat().finding().indicators())
                .extracting(i -> i.value())
                .containsExactly("203.0.113.7");
        assertThat(stored.classification()).isEmpty();
        assertThat(stored.rawPayload()).contains(PLAIN_THREAT);
        // the event carries the normalised finding and the payload's claim check, never the payload
        assertThat(published.getFirst().threat().finding().rawPayload().matches(PLAIN_THREAT))
                .isTrue();
        assertThat(published).extracting(ThreatSubmitted::threat).containsExactlyElementsOf(receipt.threats());
    }

    @Test
    void submit_sameFindingTwice_isOneThreat() {
        String first =
                service().submit(bytes(PLAIN_THREAT)).threats().getFirst().threatId();
        String second =
                service().submit(bytes(PLAIN_THREAT)).threats().getFirst().threatId();

        assertThat(second).isEqualTo(first);
        assertThat(queries.recentThreats(10)).hasSize(1);
    }

    @Test
    void submit_invalidPayload_isRejectedAndKeepsNothing() {
        assertThatThrownBy(() -> service().submit(bytes("{\"description\": \"no title\", \"severity\": \"HIGH\"}")))
                .isInstanceOf(FindingRejectedException.class);

        assertThat(queries.recentThreats(10)).isEmpty();
        assertThat(published).isEmpty();
    }

    @Test
    void submit_batch_keepsEveryThreatBeforePublishingTheFirst() {
        String batch = "{\"Findings\": [" + asff("f-1") + "," + asff("f-2") + "," + asff("f-3") + "]}";
        List<Integer> keptWhenPublished = new ArrayList<>();

        SubmissionReceipt receipt = service(
                        event -> keptWhenPublished.add(queries.recentThreats(10).size()), NOW)
                .submit(bytes(batch));

        assertThat(receipt.threats()).hasSize(3);
        assertThat(keptWhenPublished).containsExactly(3, 3, 3);
        assertThat(queries.recentThreats(10)).hasSize(3);
    }

    @Test
    void submit_publisherFails_threatIsKeptAndTheRetryPublishesIt() {
        ThreatSubmissionPort down = event -> {
            throw new IllegalStateException("bus unavailable");
        };

        assertThatThrownBy(() -> service(down, NOW).submit(bytes(PLAIN_THREAT))).hasMessage("bus unavailable");
        Threat kept = queries.recentThreats(1).getFirst();
        SubmissionReceipt retried = service().submit(bytes(PLAIN_THREAT));

        assertThat(retried.threats()).extracting(Threat::threatId).containsExactly(kept.threatId());
        assertThat(published).extracting(e -> e.threat().threatId()).containsExactly(kept.threatId());
    }

    @Test
    void recentThreats_limit_givesTheNewestFirst() {
        for (int i = 0; i < 5; i++) {
            service(published::add, NOW.plusSeconds(i))
                    .submit(bytes("{\"title\": \"threat " + i + "\", \"severity\": \"LOW\"}"));
        }

        assertThat(queries.recentThreats(3))
                .extracting(threat -> threat.finding().title())
                .containsExactly("threat 4", "threat 3", "threat 2");
    }

    @Test
    void recentThreats_limitOutOfRange_isRefused() {
        assertThatThrownBy(() -> queries.recentThreats(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> queries.recentThreats(ThreatQueryService.MAX_QUERY_LIMIT + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void findThreat_notAThreatId_isNoThreatRatherThanAnError() {
        assertThat(queries.findThreat("../etc/passwd")).isEmpty();
        assertThat(queries.findThreat("00000000-0000-0000-0000-000000000000")).isEmpty();
    }

    private static String asff(String id) {
        return """
                {"SchemaVersion": "2018-10-08", "Id": "%s",
                 "ProductArn": "arn:aws:securityhub:eu-west-1::product/aws/guardduty",
                 "GeneratorId": "gen", "AwsAccountId": "123456789012",
                 "Types": ["TTPs/Command and Control/Backdoor:EC2-C&CActivity.B"],
                 "CreatedAt": "2026-11-26T09:00:00Z", "UpdatedAt": "2026-11-26T09:00:00Z",
                 "Severity": {"Label": "HIGH"}, "Title": "C2 %s", "Description": "beacon",
                 "Resources": [{"Type": "AwsEc2Instance", "Id": "i-0abc123def4567890"}]}
                """.formatted(id, id);
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
