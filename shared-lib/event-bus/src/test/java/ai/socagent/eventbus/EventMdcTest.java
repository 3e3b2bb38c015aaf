package ai.socagent.eventbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.socagent.domain.event.DomainEvent;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class EventMdcTest {

    private static final TraceContext TRACE = TraceContext.newRoot();

    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void handle_pipelineEvent_handlerSeesCorrelationAndTraceAndTheOuterContextComesBack() throws Exception {
        MDC.put(EventMdc.CORRELATION_ID, "outer");
        MDC.put("request", "r-1");
        DomainEvent event = SampleEvents.all().get(3);
        Map<String, String> seen = new HashMap<>();

        EventMdc.handle(e -> seen.putAll(MDC.getCopyOfContextMap()), new InboundEvent.PipelineEvent(event, TRACE));

        assertThat(seen)
                .containsEntry(EventMdc.CORRELATION_ID, event.correlationId())
                .containsEntry(EventMdc.TRACE_ID, TRACE.traceId())
                .containsEntry(EventMdc.TRACEPARENT, TRACE.traceparent())
                .containsEntry("request", "r-1");
        assertThat(MDC.getCopyOfContextMap())
                .containsExactlyInAnyOrderEntriesOf(Map.of(EventMdc.CORRELATION_ID, "outer", "request", "r-1"));
    }

    @Test
    void handle_handlerThrows_mdcIsRestoredAndTheFailurePropagates() {
        InboundEvent event = new InboundEvent.PipelineEvent(SampleEvents.all().get(3), TRACE);

        assertThatThrownBy(() -> EventMdc.handle(
                        e -> {
                            throw new IllegalStateException("boom");
                        },
                        event))
                .hasMessage("boom");
        assertThat(MDC.get(EventMdc.TRACEPARENT)).isNull();
        assertThat(MDC.get(EventMdc.EVENT_ID)).isNull();
    }

    @Test
    void keys_awsFindingEvent_hasEventIdAndDetailTypeButNoCorrelation() {
        var finding = new InboundEvent.AwsFindingEvent("e-1", "aws.guardduty", "GuardDuty Finding", "{}");

        assertThat(EventMdc.keys(finding))
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(EventMdc.EVENT_ID, "aws.guardduty:e-1", EventMdc.DETAIL_TYPE, "GuardDuty Finding"));
    }
}
