package ai.socagent.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import ai.socagent.domain.finding.Finding;
import ai.socagent.domainjson.DomainJson;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class NormalisedSizeBudgetTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant RECEIVED = Instant.parse("2026-11-30T10:00:00Z");

    @Test
    void ingest_plainThreatOfHugeTagsAtTheLimit_isCutToTheBudgetKeepingEveryTag() {
        ObjectNode threat =
                JSON.createObjectNode().put("title", "tagged to the brim").put("severity", "LOW");
        ObjectNode tags = threat.putArray("resources")
                .addObject()
                .put("type", "EC2_INSTANCE")
                .put("id", "i-0abc")
                .putObject("tags");
        for (int i = 0;
                JSON.writeValueAsBytes(threat).length < IngestionLimits.DEFAULT_MAX_PAYLOAD_BYTES - 70_000;
                i++) {
            tags.put("tag-" + i, String.valueOf((char) ('a' + i)).repeat(60_000));
        }
        int room = IngestionLimits.DEFAULT_MAX_PAYLOAD_BYTES - JSON.writeValueAsBytes(threat).length;
        tags.put("last", "z".repeat(room - 20));
        byte[] payload = JSON.writeValueAsBytes(threat);
        // normalised whole, this one would not fit an event: 4 tags of 60,000 characters and more
        assertThat(payload.length).isGreaterThan(NormalisedSizeBudget.MAX_NORMALISED_BYTES);

        IngestionResult result = FindingIngestion.withDefaults().ingest(payload, RECEIVED);
        Finding finding = result.findings().getFirst();

        assertThat(DomainJson.mapper().writeValueAsBytes(finding).length)
                .isLessThanOrEqualTo(NormalisedSizeBudget.MAX_NORMALISED_BYTES);
        assertThat(finding.resources().getFirst().tags())
                .hasSameSizeAs(tags.properties())
                .allSatisfy((key, value) -> assertThat(value).hasSizeGreaterThan(1_000));
        assertThat(finding.resources().getFirst().tags().get("tag-0"))
                .endsWith("…")
                .hasSizeLessThan(60_000);
        // the text in full is the kept payload's
        assertThat(finding.rawPayload().matches(result.rawPayloads().getFirst()))
                .isTrue();
        assertThat(result.rawPayloads().getFirst()).hasSize(payload.length);
    }

    @Test
    void fit_aFindingWellUnderTheBudget_isLeftAsItIs() {
        Finding finding = FindingIngestion.withDefaults()
                .ingest(SampleFindings.read("guardduty/UnauthorizedAccess_EC2_TorClient.json"), RECEIVED)
                .findings()
                .getFirst();

        assertThat(NormalisedSizeBudget.fit(finding)).isSameAs(finding);
    }
}
