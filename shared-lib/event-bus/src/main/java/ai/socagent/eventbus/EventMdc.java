package ai.socagent.eventbus;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.MDC;

/**
 * Puts what ties an event to its trace into the SLF4J {@link MDC} while its handler runs, so every log
 * line of the handler carries it: {@value #CORRELATION_ID}, {@value #TRACE_ID} and {@value
 * #TRACEPARENT} for a pipeline event, {@value #EVENT_ID} and {@value #DETAIL_TYPE} for every event.
 * Whatever the MDC held before is restored afterwards.
 */
public final class EventMdc {

    public static final String CORRELATION_ID = "correlationId";
    public static final String TRACE_ID = "traceId";
    public static final String TRACEPARENT = "traceparent";
    public static final String EVENT_ID = "eventId";
    public static final String DETAIL_TYPE = "detailType";

    private EventMdc() {}

    /** Calls {@code handler} with {@code event}, the event's keys in the MDC. */
    public static void handle(EventHandler handler, InboundEvent event) throws Exception {
        Map<String, String> keys = keys(event);
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
}
