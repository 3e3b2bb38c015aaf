package ai.socagent.eventbus.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.socagent.domain.event.DomainEvent;
import ai.socagent.domain.event.DomainEvents;
import ai.socagent.domain.event.ThreatSubmitted;
import ai.socagent.eventbus.InboundEvent;
import ai.socagent.eventbus.SampleEvents;
import ai.socagent.eventbus.TraceContext;
import ai.socagent.eventbus.UndeliverableEventException;
import ai.socagent.eventbus.UndeliverableEventException.Reason;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class EventCodecTest {

    private static final EventCodec CODEC = EventCodec.create();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TraceContext TRACE =
            new TraceContext("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

    static Stream<DomainEvent> events() {
        return SampleEvents.all().stream();
    }

    @ParameterizedTest
    @MethodSource("events")
    void decode_encodedEvent_roundTripsToAnEqualEventAndTrace(DomainEvent event) {
        EventEnvelope envelope = CODEC.encode(event, TRACE);
        String delivered = CODEC.toEventBridgeEvent(envelope, "eb-1", "123456789012", "eu-west-1");

        InboundEvent decoded = CODEC.decode(delivered);

        assertThat(decoded).isEqualTo(new InboundEvent.PipelineEvent(event, TRACE));
    }

    @ParameterizedTest
    @MethodSource("events")
    void encode_anyEvent_writesEnvelopeMetadataFirstAndTraceLast(DomainEvent event) {
        EventEnvelope envelope = CODEC.encode(event, TRACE);
        JsonNode detail = JSON.readTree(envelope.detail());

        assertThat(envelope.source()).isEqualTo(DomainEvents.EventBus.SOURCE);
        assertThat(envelope.detailType()).isEqualTo(event.detailType());
        assertThat(envelope.time()).isEqualTo(event.occurredAt());
        assertThat(detail.propertyNames().stream().limit(4))
                .containsExactly("eventId", "correlationId", "occurredAt", "schemaVersion");
        assertThat(detail.propertyNames().stream().reduce((first, second) -> second))
                .contains("traceparent");
        assertThat(detail.get("eventId").asString()).isEqualTo(event.eventId());
        assertThat(detail.get("occurredAt").asString())
                .isEqualTo(event.occurredAt().toString());
        assertThat(detail.get("schemaVersion").asInt()).isEqualTo(DomainEvents.CURRENT_SCHEMA_VERSION);
        assertThat(detail.get("traceparent").asString()).isEqualTo(TRACE.traceparent());
        assertThat(envelope.entrySize()).isLessThan(EventEnvelope.MAX_ENTRY_BYTES);
    }

    @Test
    void encode_threatSubmitted_writesOptionalsEnumsAndOnlyRecordComponents() {
        ThreatSubmitted event = (ThreatSubmitted) SampleEvents.all().getFirst();

        JsonNode finding = JSON.readTree(CODEC.encode(event, TRACE).detail()).at("/threat/finding");

        assertThat(finding.get("accountId").asString()).isEqualTo("123456789012");
        assertThat(finding.get("severity").asString()).isEqualTo("HIGH");
        assertThat(finding.at("/resources/0/arn").isNull()).isTrue();
        assertThat(finding.at("/resources/0/details/userName").asString()).isEqualTo("web-role");
        assertThat(finding.at("/indicators/2/value").asString()).isEqualTo("evil.example.com");
        assertThat(finding.at("/indicators/1").propertyNames())
                .containsExactlyInAnyOrder("type", "value", "privateAddress");
        assertThat(finding.has("primaryResource")).isFalse();
    }

    @Test
    void encode_entrySize_countsUtf8BytesOfSourceDetailTypeDetailAndTime() {
        EventEnvelope envelope = new EventEnvelope("s", "dt", "{\"a\":\"é\"}", SampleEvents.T0);

        assertThat(envelope.entrySize()).isEqualTo(14 + 1 + 2 + 10);
    }

    @Test
    void decode_unknownDetailType_isUndeliverableWithReason() {
        String event = deliveredWith("ai-agent-service", "Threat Forgotten", "{\"schemaVersion\":1}");

        assertReason(event, Reason.UNKNOWN_DETAIL_TYPE, "Threat Forgotten");
    }

    @Test
    void decode_newerSchemaVersion_isUndeliverableWithReason() {
        String detail = CODEC.encode(SampleEvents.all().get(1), TRACE)
                .detail()
                .replace("\"schemaVersion\":1", "\"schemaVersion\":2");
        String event = deliveredWith("ai-agent-service", "Threat Classification Complete", detail);

        assertReason(event, Reason.UNSUPPORTED_SCHEMA_VERSION, "schemaVersion 2");
    }

    @Test
    void decode_unknownSourceMissingDetailAndNotJson_areUndeliverable() {
        assertReason(deliveredWith("someone", "Threat Submitted", "{}"), Reason.UNKNOWN_SOURCE, "someone");
        assertReason(deliveredWith("ai-agent-service", "Threat Submitted", "[]"), Reason.MALFORMED, "detail");
        assertReason("{ nope", Reason.MALFORMED, "not JSON");
        assertReason(deliveredWith("ai-agent-service", "Threat Submitted", "{}"), Reason.MALFORMED, "schemaVersion");
    }

    @Test
    void decode_detailBreakingTheDomainRules_isInvalidPayload() {
        String detail = CODEC.encode(SampleEvents.all().get(1), TRACE)
                .detail()
                .replace("\"confidence\":0.93", "\"confidence\":1.7");

        assertReason(
                deliveredWith("ai-agent-service", "Threat Classification Complete", detail),
                Reason.INVALID_PAYLOAD,
                "confidence");
    }

    @Test
    void decode_unexpectedField_isInvalidPayload() {
        String detail = CODEC.encode(SampleEvents.all().get(1), TRACE).detail().replace("{", "{\"surprise\":1,");

        assertReason(
                deliveredWith("ai-agent-service", "Threat Classification Complete", detail),
                Reason.INVALID_PAYLOAD,
                "surprise");
    }

    @Test
    void decode_missingOrInvalidTraceparent_startsANewTrace() {
        DomainEvent event = SampleEvents.all().get(5);
        String detail = CODEC.encode(event, TRACE).detail().replace(TRACE.traceparent(), "00-zz-00-01");

        InboundEvent decoded = CODEC.decode(deliveredWith("ai-agent-service", event.detailType(), detail));

        assertThat(decoded).isInstanceOfSatisfying(InboundEvent.PipelineEvent.class, pipeline -> {
            assertThat(pipeline.event()).isEqualTo(event);
            assertThat(pipeline.trace().traceId()).isNotEqualTo(TRACE.traceId());
        });
    }

    @Test
    void decode_rawGuardDutyAndSecurityHubEvents_arePassedOnVerbatim() {
        for (var raw : List.of(
                List.of("aws.guardduty", "GuardDuty Finding"),
                List.of("aws.securityhub", "Security Hub Findings - Imported"))) {
            String event = deliveredWith(raw.get(0), raw.get(1), "{\"findings\":[]}");

            assertThat(CODEC.decode(event))
                    .isEqualTo(new InboundEvent.AwsFindingEvent("eb-1", raw.get(0), raw.get(1), event));
        }
        assertReason(deliveredWith("aws.guardduty", "Something Else", "{}"), Reason.UNKNOWN_DETAIL_TYPE, "Something");
    }

    private static void assertReason(String event, Reason reason, String detail) {
        assertThatThrownBy(() -> CODEC.decode(event))
                .isInstanceOfSatisfying(
                        UndeliverableEventException.class,
                        e -> assertThat(e.reason()).isEqualTo(reason))
                .hasMessageContaining(detail);
    }

    private static String deliveredWith(String source, String detailType, String detail) {
        return """
                {"version":"0","id":"eb-1","detail-type":"%s","source":"%s","account":"123456789012",\
                "time":"2026-11-26T10:00:00Z","region":"eu-west-1","resources":[],"detail":%s}""".formatted(detailType, source, detail);
    }
}
