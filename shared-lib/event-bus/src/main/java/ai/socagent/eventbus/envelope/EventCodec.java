package ai.socagent.eventbus.envelope;

import ai.socagent.domain.event.DomainEvent;
import ai.socagent.domain.event.DomainEvents;
import ai.socagent.eventbus.InboundEvent;
import ai.socagent.eventbus.TraceContext;
import ai.socagent.eventbus.UndeliverableEventException;
import ai.socagent.eventbus.UndeliverableEventException.Reason;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns pipeline events into EventBridge envelopes and received EventBridge events back into
 * {@link InboundEvent}s.
 *
 * <p>The {@code detail} of a pipeline event is the event record itself, its metadata first:
 * {@code eventId}, {@code correlationId}, {@code occurredAt} (ISO-8601), {@code schemaVersion}, then
 * the payload fields of the record, and last {@code traceparent}. Optional values are written as the value
 * or {@code null}, enums by name, instants as ISO-8601 strings. Only record components are written:
 * derived accessors ({@code isSubTechnique()} ...) are not part of the contract.
 */
public final class EventCodec {

    /** Field of the detail that carries the W3C trace context. */
    public static final String TRACEPARENT = "traceparent";

    /** Raw AWS events the pipeline ingests: source -> detail-type. */
    public static final Map<String, String> AWS_FINDING_EVENTS =
            Map.of("aws.guardduty", "GuardDuty Finding", "aws.securityhub", "Security Hub Findings - Imported");

    private final ObjectMapper json;
    private final String source;

    private EventCodec(String source) {
        this.source = source;
        // Records only: their fields are exactly their components. Getter-like derived methods
        // (Indicator.isPublicIpAddress() ...) would otherwise leak into the contract.
        this.json = JsonMapper.builder()
                .changeDefaultVisibility(visibility -> visibility
                        .withFieldVisibility(JsonAutoDetect.Visibility.ANY)
                        .withGetterVisibility(JsonAutoDetect.Visibility.NONE)
                        .withIsGetterVisibility(JsonAutoDetect.Visibility.NONE))
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
    }

    /** A codec for events published with {@link DomainEvents.EventBus#SOURCE}. */
    public static EventCodec create() {
        return new EventCodec(DomainEvents.EventBus.SOURCE);
    }

    /** The envelope that publishes {@code event} with {@code trace}. */
    public EventEnvelope encode(DomainEvent event, TraceContext trace) {
        return new EventEnvelope(source, event.detailType(), detail(event, trace), event.occurredAt());
    }

    /**
     * The whole EventBridge event as a target receives it ({@code version}, {@code id}, {@code
     * detail-type}, {@code source}, {@code account}, {@code time}, {@code region}, {@code resources},
     * {@code detail}); the in-process bus delivers exactly this.
     */
    public String toEventBridgeEvent(EventEnvelope envelope, String id, String account, String region) {
        // Concatenated rather than re-parsed: the detail is already JSON, and this runs per event.
        return "{\"version\":\"0\",\"id\":" + quote(id) + ",\"detail-type\":" + quote(envelope.detailType())
                + ",\"source\":" + quote(envelope.source()) + ",\"account\":" + quote(account) + ",\"time\":"
                + quote(envelope.time().toString()) + ",\"region\":" + quote(region) + ",\"resources\":[],\"detail\":"
                + envelope.detail() + "}";
    }

    /**
     * Decodes an EventBridge event a queue delivered.
     *
     * @throws UndeliverableEventException saying why no handler can take it
     */
    public InboundEvent decode(String eventJson) {
        JsonNode event = readTree(eventJson);
        String eventSource = requiredText(event, "source");
        String detailType = requiredText(event, "detail-type");
        JsonNode detail = event.path("detail");
        if (!detail.isObject()) {
            throw new UndeliverableEventException(Reason.MALFORMED, "the event has no detail object");
        }
        if (AWS_FINDING_EVENTS.containsKey(eventSource)) {
            if (!AWS_FINDING_EVENTS.get(eventSource).equals(detailType)) {
                throw new UndeliverableEventException(
                        Reason.UNKNOWN_DETAIL_TYPE, "detail-type '" + detailType + "' of " + eventSource);
            }
            return new InboundEvent.AwsFindingEvent(requiredText(event, "id"), eventSource, detailType, eventJson);
        }
        if (!source.equals(eventSource)) {
            throw new UndeliverableEventException(Reason.UNKNOWN_SOURCE, "source '" + eventSource + "'");
        }
        Class<? extends DomainEvent> type = DomainEvents.eventClassFor(detailType)
                .orElseThrow(() -> new UndeliverableEventException(
                        Reason.UNKNOWN_DETAIL_TYPE, "detail-type '" + detailType + "' of " + eventSource));
        JsonNode version = detail.path("schemaVersion");
        if (!version.isIntegralNumber()) {
            throw new UndeliverableEventException(Reason.MALFORMED, "detail.schemaVersion is missing");
        }
        if (version.asInt() < 1 || version.asInt() > DomainEvents.CURRENT_SCHEMA_VERSION) {
            throw new UndeliverableEventException(
                    Reason.UNSUPPORTED_SCHEMA_VERSION,
                    detailType + " schemaVersion " + version.asInt() + " (this code reads 1 to "
                            + DomainEvents.CURRENT_SCHEMA_VERSION + ")");
        }
        ObjectNode payload = ((ObjectNode) detail).deepCopy();
        JsonNode traceparent = payload.remove(TRACEPARENT);
        TraceContext trace = TraceContext.parse(traceparent == null ? null : traceparent.asString(null))
                .orElseGet(TraceContext::newRoot);
        try {
            return new InboundEvent.PipelineEvent(json.treeToValue(payload, type), trace);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new UndeliverableEventException(Reason.INVALID_PAYLOAD, detailType + ": " + rootMessage(e), e);
        }
    }

    private String detail(DomainEvent event, TraceContext trace) {
        // Every event record declares eventId, correlationId, occurredAt and schemaVersion first;
        // the trace context is appended (written straight, no tree: this runs per event).
        String fields = json.writeValueAsString(event);
        return fields.substring(0, fields.length() - 1) + ",\"" + TRACEPARENT + "\":" + quote(trace.traceparent())
                + "}";
    }

    private String quote(String text) {
        return json.writeValueAsString(text);
    }

    private JsonNode readTree(String text) {
        try {
            return json.readTree(text);
        } catch (JacksonException e) {
            throw new UndeliverableEventException(Reason.MALFORMED, "not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String requiredText(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isString() || value.asString().isBlank()) {
            throw new UndeliverableEventException(Reason.MALFORMED, "the event has no " + field);
        }
        return value.asString();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
