package ai.socagent.services.socapi.application;

import static org.assertj.core.api.Assertions.assertThat;

import ai.socagent.domain.event.ThreatSubmitted;
import ai.socagent.domain.threat.Threat;
import ai.socagent.eventbus.TraceContext;
import ai.socagent.eventbus.envelope.EventCodec;
import ai.socagent.eventbus.envelope.EventEnvelope;
import ai.socagent.ingestion.FindingIngestion;
import ai.socagent.ingestion.IngestionLimits;
import ai.socagent.ingestion.IngestionResult;
import ai.socagent.ingestion.SampleFindings;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Whatever a payload at the ingestion limit holds, the event that carries its threat fits an
 * EventBridge entry: the raw payload travels by reference, and the normalised finding is bounded.
 */
class IngestionLimitEventSizeTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int LIMIT = IngestionLimits.DEFAULT_MAX_PAYLOAD_BYTES;
    private static final int STRING = IngestionLimits.DEFAULT_MAX_STRING_LENGTH - 16;

    /** GuardDuty findings filled to the byte limit, in the fields that are normalised and in those that are not. */
    static Stream<String> payloadsAtTheLimit() {
        return Stream.of("unmapped", "description", "tags", "everything", "plain");
    }

    static String payload(String shape) {
        if (shape.equals("plain")) {
            return plainThreatAtTheLimit();
        }
        ObjectNode finding =
                (ObjectNode) JSON.readTree(SampleFindings.read("guardduty/UnauthorizedAccess_EC2_TorClient.json"));
        ObjectNode instance = (ObjectNode) finding.path("resource").path("instanceDetails");
        ArrayNode tags = (ArrayNode) instance.path("tags");
        int i = 0;
        while (JSON.writeValueAsBytes(finding).length < LIMIT - STRING - 200) {
            String filler = String.valueOf((char) ('a' + i % 26)).repeat(STRING);
            switch (shape) {
                case "unmapped" -> ((ObjectNode) finding.path("service")).put("padding" + i, filler);
                case "description" -> {
                    if (i == 0) {
                        finding.put("description", filler);
                    } else {
                        ((ObjectNode) finding.path("service")).put("padding" + i, filler);
                    }
                }
                case "tags" -> tags.addObject().put("key", "k" + i).put("value", filler);
                default -> {
                    if (i == 0) {
                        finding.put("description", filler);
                    } else if (i == 1) {
                        finding.put("title", filler.substring(0, 1000));
                    } else {
                        tags.addObject()
                                .put("key", filler.substring(0, 100) + i)
                                .put("value", filler);
                    }
                }
            }
            i++;
        }
        String text = JSON.writeValueAsString(finding);
        int room = LIMIT - text.getBytes(StandardCharsets.UTF_8).length;
        ((ObjectNode) finding.path("service")).put("last", "z".repeat(Math.max(0, room - 12)));
        return JSON.writeValueAsString(finding);
    }

    /** A plain threat is normalised almost whole: the tightest case, in the most compact JSON. */
    static String plainThreatAtTheLimit() {
        ObjectNode threat = (ObjectNode) JSON.readTree(SampleFindings.read("plain/ec2-cryptominer-build-runner.json"));
        ObjectNode tags = (ObjectNode) threat.path("resources").path(0).path("tags");
        threat.put("description", "d".repeat(16 * 1024));
        int i = 0;
        while (JSON.writeValueAsBytes(threat).length < LIMIT - STRING - 200) {
            tags.put("tag-" + i, String.valueOf((char) ('a' + i)).repeat(STRING));
            i++;
        }
        int room = LIMIT - JSON.writeValueAsBytes(threat).length;
        tags.put("last", "z".repeat(Math.max(0, room - 12)));
        return JSON.writeValueAsString(threat);
    }

    @ParameterizedTest
    @MethodSource("payloadsAtTheLimit")
    void threatSubmitted_ofAPayloadAtTheIngestionLimit_fitsAnEventBridgeEntry(String shape) {
        String payload = payload(shape);
        assertThat(payload.getBytes(StandardCharsets.UTF_8).length).isBetween(LIMIT - 64, LIMIT);

        IngestionResult result = FindingIngestion.withDefaults().ingest(payload, Instant.now());
        Threat threat = Threat.forFinding(result.findings().getFirst(), "corr", Instant.now());
        EventEnvelope envelope =
                EventCodec.create().encode(ThreatSubmitted.of(threat, Instant.now()), TraceContext.newRoot());

        assertThat(envelope.entrySize())
                .as("%s: a payload of %d bytes", shape, payload.getBytes(StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(EventEnvelope.MAX_ENTRY_BYTES);
    }
}
