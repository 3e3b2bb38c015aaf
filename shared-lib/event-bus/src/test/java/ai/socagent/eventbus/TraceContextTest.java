package ai.socagent.eventbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TraceContextTest {

    @Test
    void newRoot_always_isAValidSampledTraceparent() {
        TraceContext trace = TraceContext.newRoot();

        assertThat(trace.traceparent()).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        assertThat(TraceContext.newRoot().traceId()).isNotEqualTo(trace.traceId());
    }

    @Test
    void nextHop_keepsTraceIdAndFlags_changesParent() {
        TraceContext trace = new TraceContext("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

        TraceContext next = trace.nextHop();

        assertThat(next.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(next.traceparent()).endsWith("-01").isNotEqualTo(trace.traceparent());
    }

    @Test
    void parse_invalidOrAllZeroIds_isEmpty() {
        assertThat(TraceContext.parse(null)).isEmpty();
        assertThat(TraceContext.parse("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))
                .isEmpty();
        assertThat(TraceContext.parse("00-00000000000000000000000000000000-00f067aa0ba902b7-01"))
                .isEmpty();
        assertThat(TraceContext.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01"))
                .isEmpty();
        assertThatThrownBy(() -> new TraceContext("nope")).isInstanceOf(IllegalArgumentException.class);
    }
}
