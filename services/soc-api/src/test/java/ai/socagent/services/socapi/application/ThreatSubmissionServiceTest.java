package ai.socagent.services.socapi.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.socagent.domain.Severity;
import ai.socagent.domain.event.ThreatSubmitted;
import ai.socagent.domain.finding.FindingFormat;
import ai.socagent.domain.threat.Threat;
import ai.socagent.ingestion.FindingIngestion;
import ai.socagent.ingestion.FindingRejectedException;
import ai.socagent.ingestion.IngestionLimits;
import ai.socagent.services.socapi.adapter.out.memory.InMemoryPipelineActivity;
import ai.socagent.services.socapi.adapter.out.memory.InMemoryThreatLog;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThreatSubmissionServiceTest {

    private static final String PLAIN_THREAT = """
            {"title": "Beaconing to a known C2 host",
             "description": "web-01 contacts 203.0.113.7 every 60 seconds",
             "source": "edr", "severity": "HIGH",
             "resources": [{"type": "EC2_INSTANCE", "id": "i-0abc123def4567890"}],
             "indicators": [{"type": "IPV4", "value": "203.0.113.7"}]}
            """;

    private final InMemoryThreatLog log = new InMemoryThreatLog(3);
    private final List<ThreatSubmitted> published = new ArrayList<>();
    private final ThreatSubmissionService service = new ThreatSubmissionService(
            new FindingIngestion(IngestionLimits.defaults()),
            List.of(log, published::add),
            log,
            new InMemoryPipelineActivity(3),
            Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC));

    @Test
    void submit_plainThreat_keepsOneThreatWithTheNormalisedFinding() {
        SubmissionReceipt receipt = service.submit(bytes(PLAIN_THREAT));

        assertThat(receipt.format()).isEqualTo(FindingFormat.PLAIN_THREAT);
        assertThat(receipt.threats()).singleElement().satisfies(threat -> {
            assertThat(threat.finding().title()).isEqualTo("Beaconing to a known C2 host");
            assertThat(threat.finding().severity()).isEqualTo(Severity.HIGH);
            assertThat(threat.submittedAt()).isEqualTo(Instant.parse("2026-11-26T10:00:00Z"));
        });
        Threat stored =
                service.findThreat(receipt.threats().getFirst().threatId()).orElseThrow();
        assertThat(stored.finding().indicators()).extracting(i -> i.value()).containsExactly("203.0.113.7");
    }

    @Test
    void submit_sameFindingTwice_isOneThreat() {
        String first = service.submit(bytes(PLAIN_THREAT)).threats().getFirst().threatId();
        String second = service.submit(bytes(PLAIN_THREAT)).threats().getFirst().threatId();

        assertThat(second).isEqualTo(first);
        assertThat(service.recentThreats(10)).hasSize(1);
    }

    @Test
    void submit_invalidPayload_isRejectedAndKeepsNothing() {
        assertThatThrownBy(() -> service.submit(bytes("{\"description\": \"no title\", \"severity\": \"HIGH\"}")))
                .isInstanceOf(FindingRejectedException.class);

        assertThat(service.recentThreats(10)).isEmpty();
        assertThat(published).isEmpty();
    }

    @Test
    void recentThreats_moreThanCapacity_keepsTheNewestFirst() {
        for (int i = 0; i < 5; i++) {
            service.submit(bytes("{\"title\": \"threat " + i + "\", \"severity\": \"LOW\"}"));
        }

        assertThat(service.recentThreats(10))
                .extracting(threat -> threat.finding().title())
                .containsExactly("threat 4", "threat 3", "threat 2");
    }

    @Test
    void recentThreats_limitOutOfRange_isRefused() {
        assertThatThrownBy(() -> service.recentThreats(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> service.recentThreats(ThreatSubmissionService.MAX_QUERY_LIMIT + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
