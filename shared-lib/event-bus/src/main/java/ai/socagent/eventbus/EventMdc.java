package ai.socagent.eventbus;

import io.opentelemetry.api.trace.SpanContext;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.MDC;

/**
 * Puts what ties an event to its trace into the SLF4J {@link MDC} while its handler runs, so every log
 * line of the handler carries it: {@value #CORRELATION_ID} and {@value #TRACEPARENT} (the one the event
 * arrived with) for a pipeline event, {@value #TRACE_ID} and {@value #SPAN_ID} of the consumer span
 * ({@link EventTracing}), {@value #EVENT_ID} and {@value #DETAIL_TYPE} for every event. Whatever the
 * MDC held before is restored afterwards.
 *
 * <p>The buses call {@link #handle(EventTracing, String, String, EventHandler, InboundEvent)} around
 * every handler call, which also runs the handler inside its consumer span.
 */
public final class EventMdc {

    public static final String CORRELATION_ID = "correlationId";
    public static final String TRACE_ID = "traceId";
    public static final String SPAN_ID = "spanId";
    public static final String TRACEPARENT = "traceparent";
    public static final String EVENT_ID = "eventId";
    public static final String DETAIL_TYPE = "detailType";

    private EventMdc() {}

    /**
     * Calls {@code handler} with {@code event} inside a consumer span of {@code tracing} ({@link
     * EventTracing#handle}), the event's keys in the MDC.
     *
     * @param system {@code messaging.system} ({@link EventTracing#AWS_SQS}, {@link
     *     EventTracing#IN_PROCESS}), or null
     * @param queue the logical queue the event was delivered to, or null when unknown
     */
    public static void handle(
            EventTracing tracing, String system, String queue, EventHandler handler, InboundEvent event)
            throws Exception {
        tracing.handle(system, queue, handler, event);
    }

    /**
     * Calls {@code handler} with {@code event}, the event's keys in the MDC, inside a consumer span of
     * {@link EventTracing#global()} (no queue known). Prefer {@link #handle(EventTracing, String, String,
     * EventHandler, InboundEvent)}.
     */
    public static void handle(EventHandler handler, InboundEvent event) throws Exception {
        EventTracing.global().handle(null, null, handler, event);
    }

    /** The MDC entries of {@code event}. */
    public static Map<String, String> keys(InboundEvent event) {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put(EVENT_ID, event.deduplicationId());
        keys.put(DETAIL_TYPE, event.detailType());
        if (event instanceof InboundEvent.PipelineEvent pipeline) {
            keys.put(CORRELATION_ID, pipeline.event().correlationId());
            keys.put(TRACE_ID, pipeline.trace().traceId());
            keys.put(TRACEPARENT, pipeline.trace().traceparent());
        }
        return keys;
    }

    /** The MDC entries of {@code event} handled in the consumer span {@code span}. */
    static Map<String, String> keys(InboundEvent event, SpanContext span) {
        Map<String, String> keys = keys(event);
        if (span.isValid()) {
            keys.put(TRACE_ID, span.getTraceId());
            keys.put(SPAN_ID, span.getSpanId());
        }
        return keys;
    }

    /** Calls {@code handler} with {@code event}, {@code keys} in the MDC. */
    static void withKeys(Map<String, String> keys, EventHandler handler, InboundEvent event) throws Exception {
        Map<String, String> previous = new LinkedHashMap<>();
        keys.keySet().forEach(key -> previous.put(key, MDC.get(key)));
        keys.forEach(MDC::put);
        try {
            handler.handle(event);
        } finally {
            previous.forEach((key, value) -> {
                if (value == null) {
                    MDC.remove(key);
                } else {
                    MDC.put(key, value);
                }
            });
        }
    }
}
