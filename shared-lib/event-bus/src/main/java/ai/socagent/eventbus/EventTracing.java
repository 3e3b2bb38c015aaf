package ai.socagent.eventbus;

import ai.socagent.domain.event.DomainEvent;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.List;
import java.util.Map;

/**
 * OpenTelemetry spans of the event bus, so that one trace spans the whole pipeline: a {@link
 * SpanKind#PRODUCER} span per published event ({@code "<detail-type> publish"}), whose context is the
 * {@code traceparent} the event carries, and a {@link SpanKind#CONSUMER} span per handler call
 * ({@code "<detail-type> process"}), child of that {@code traceparent} and current while the handler
 * runs, so whatever the handler publishes continues the trace.
 *
 * <p>Attributes follow the OpenTelemetry messaging semantic conventions: {@code messaging.system}
 * ({@value #IN_PROCESS}, {@value #AWS_EVENTBRIDGE}, {@value #AWS_SQS}), {@code
 * messaging.destination.name} (the bus for a producer, the queue for a consumer), {@code
 * messaging.message.id} (the event id), {@code messaging.operation.type} and {@code
 * messaging.operation.name}, plus {@code soc.correlation_id}. The trace context always travels as a
 * W3C {@code traceparent}, whatever propagators the {@link OpenTelemetry} instance has.
 *
 * <p>With {@link OpenTelemetry#noop()} no span is recorded and the {@code traceparent} passes through
 * unchanged.
 */
public final class EventTracing {

    /** The instrumentation scope of the spans. */
    public static final String INSTRUMENTATION_SCOPE = "ai.socagent.eventbus";

    /** {@code messaging.system} of the in-process bus. */
    public static final String IN_PROCESS = "in_process";

    /** {@code messaging.system} of the EventBridge publisher. */
    public static final String AWS_EVENTBRIDGE = "aws_eventbridge";

    /** {@code messaging.system} of the SQS consumers. */
    public static final String AWS_SQS = "aws_sqs";

    public static final AttributeKey<String> MESSAGING_SYSTEM = AttributeKey.stringKey("messaging.system");
    public static final AttributeKey<String> MESSAGING_DESTINATION_NAME =
            AttributeKey.stringKey("messaging.destination.name");
    public static final AttributeKey<String> MESSAGING_MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
    public static final AttributeKey<String> MESSAGING_OPERATION_TYPE =
            AttributeKey.stringKey("messaging.operation.type");
    public static final AttributeKey<String> MESSAGING_OPERATION_NAME =
            AttributeKey.stringKey("messaging.operation.name");
    public static final AttributeKey<String> CORRELATION_ID = AttributeKey.stringKey("soc.correlation_id");

    private static final EventTracing GLOBAL = new EventTracing(globalOpenTelemetry());
    private static final EventTracing NOOP = new EventTracing(OpenTelemetry.noop());
    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final String TRACEPARENT = "traceparent";
    private static final TextMapGetter<String> TRACEPARENT_GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return List.of(TRACEPARENT);
        }

        @Override
        public String get(String carrier, String key) {
            return TRACEPARENT.equals(key) ? carrier : null;
        }
    };

    private final OpenTelemetry openTelemetry;

    private EventTracing(OpenTelemetry openTelemetry) {
        this.openTelemetry = openTelemetry;
    }

    /** Spans recorded with {@code openTelemetry}. */
    public static EventTracing create(OpenTelemetry openTelemetry) {
        return openTelemetry == null ? NOOP : new EventTracing(openTelemetry);
    }

    /** No spans; trace contexts pass through unchanged. */
    public static EventTracing noop() {
        return NOOP;
    }

    /**
     * Spans recorded with {@link GlobalOpenTelemetry}, looked up at each span (so an instance
     * registered after this class was loaded, e.g. by the OpenTelemetry Java agent, is used).
     */
    public static EventTracing global() {
        return GLOBAL;
    }

    /**
     * An {@link OpenTelemetry} that delegates to {@link GlobalOpenTelemetry} on every call, for wiring
     * that has no instance of its own: nothing is looked up, and so nothing registered, before the
     * first span.
     */
    public static OpenTelemetry globalOpenTelemetry() {
        return new OpenTelemetry() {
            @Override
            public TracerProvider getTracerProvider() {
                return GlobalOpenTelemetry.getTracerProvider();
            }

            @Override
            public ContextPropagators getPropagators() {
                return GlobalOpenTelemetry.getPropagators();
            }
        };
    }

    /**
     * Starts the producer span of publishing {@code event} to {@code destination}. Its parent is the
     * current span when one is active and belongs to the trace of {@code trace} (a handler publishing
     * with the inbound event's trace context thus publishes as a child of its consumer span), else
     * {@code trace} itself; the current span when {@code trace} is null. The event must be published
     * with {@link Publication#trace()}, and the publication ended with {@link Publication#end()} or
     * {@link Publication#fail(Throwable)}.
     */
    public Publication startPublish(String system, String destination, DomainEvent event, TraceContext trace) {
        Context parent = producerParent(trace);
        SpanBuilder builder = tracer().spanBuilder(event.detailType() + " publish")
                .setSpanKind(SpanKind.PRODUCER)
                .setParent(parent)
                .setAttribute(MESSAGING_OPERATION_TYPE, "send")
                .setAttribute(MESSAGING_OPERATION_NAME, "publish")
                .setAttribute(MESSAGING_MESSAGE_ID, event.eventId())
                .setAttribute(CORRELATION_ID, event.correlationId());
        setIfPresent(builder, MESSAGING_SYSTEM, system);
        setIfPresent(builder, MESSAGING_DESTINATION_NAME, destination);
        Span span = builder.startSpan();
        TraceContext carried = traceContextOf(span.getSpanContext());
        if (carried == null) {
            // No span context at all (no parent, no recording SDK): start a trace of our own.
            carried = trace != null ? trace : TraceContext.newRoot();
        }
        return new Publication(span, carried);
    }

    /**
     * Calls {@code handler} with {@code event} inside a consumer span, child of the event's {@code
     * traceparent} (a new trace for an event without one), current while the handler runs; the MDC
     * holds the event's keys ({@link EventMdc}) with {@code traceId} and {@code spanId} of the consumer
     * span. A handler that throws has the exception recorded on the span, the span's status set to
     * {@link StatusCode#ERROR}, and the exception passed on.
     *
     * @param system {@code messaging.system} ({@link #AWS_SQS}, {@link #IN_PROCESS}), or null
     * @param queue the logical queue (or topic) the event was delivered to, or null when unknown
     */
    public void handle(String system, String queue, EventHandler handler, InboundEvent event) throws Exception {
        Context parent = event instanceof InboundEvent.PipelineEvent pipeline
                ? extract(Context.root(), pipeline.trace())
                : Context.root();
        SpanBuilder builder = tracer().spanBuilder(event.detailType() + " process")
                .setSpanKind(SpanKind.CONSUMER)
                .setParent(parent)
                .setAttribute(MESSAGING_OPERATION_TYPE, "process")
                .setAttribute(MESSAGING_OPERATION_NAME, "process");
        setIfPresent(builder, MESSAGING_SYSTEM, system);
        setIfPresent(builder, MESSAGING_DESTINATION_NAME, queue);
        switch (event) {
            case InboundEvent.PipelineEvent pipeline ->
                builder.setAttribute(MESSAGING_MESSAGE_ID, pipeline.event().eventId())
                        .setAttribute(CORRELATION_ID, pipeline.event().correlationId());
            case InboundEvent.AwsFindingEvent finding -> builder.setAttribute(MESSAGING_MESSAGE_ID, finding.id());
        }
        Span span = builder.startSpan();
        Map<String, String> keys = EventMdc.keys(event, span.getSpanContext());
        Scope scope = parent.with(span).makeCurrent();
        try {
            EventMdc.withKeys(keys, handler, event);
        } catch (Exception | Error e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR, e.getClass().getName());
            throw e;
        } finally {
            scope.close();
            span.end();
        }
    }

    /** The trace context of {@code span}, or null when it has none. */
    static TraceContext traceContextOf(SpanContext span) {
        if (!span.isValid()) {
            return null;
        }
        return new TraceContext("00-" + span.getTraceId() + "-" + span.getSpanId() + "-"
                + span.getTraceFlags().asHex());
    }

    private Tracer tracer() {
        return openTelemetry.getTracer(INSTRUMENTATION_SCOPE);
    }

    private static Context producerParent(TraceContext trace) {
        Context current = Context.current();
        if (trace == null) {
            return current;
        }
        SpanContext active = Span.fromContext(current).getSpanContext();
        if (active.isValid() && active.getTraceId().equals(trace.traceId())) {
            return current;
        }
        return extract(current, trace);
    }

    private static Context extract(Context base, TraceContext trace) {
        return W3C.extract(base, trace.traceparent(), TRACEPARENT_GETTER);
    }

    private static void setIfPresent(SpanBuilder builder, AttributeKey<String> key, String value) {
        if (value != null) {
            builder.setAttribute(key, value);
        }
    }

    /**
     * The producer span of one event being published.
     *
     * <p>Not thread-safe; ended once.
     */
    public static final class Publication {

        private final Span span;
        private final TraceContext trace;
        private boolean ended;

        private Publication(Span span, TraceContext trace) {
            this.span = span;
            this.trace = trace;
        }

        /** The trace context the event carries: the producer span's. */
        public TraceContext trace() {
            return trace;
        }

        /** The bus accepted the event. */
        public void end() {
            if (!ended) {
                ended = true;
                span.end();
            }
        }

        /** Publishing failed with {@code failure}. */
        public void fail(Throwable failure) {
            if (!ended) {
                span.recordException(failure);
                span.setStatus(StatusCode.ERROR, failure.getClass().getName());
                end();
            }
        }
    }
}
