package ai.socagent.agentruntime.model;

import ai.socagent.domain.Preconditions;
import ai.socagent.observability.MetricNames;
import ai.socagent.observability.MetricTags;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The port of the offline mode ({@code soc.agent-runtime.mode=offline}, the standalone default):
 * every request is answered by the caller's offline engine, without network, tokens or budget.
 * The answer's {@link ModelAnswer#fallbackReason()} says so.
 */
public final class OfflineModelPort implements ModelPort {

    /** The fallback reason of every answer of this port. */
    public static final String REASON = "offline mode (soc.agent-runtime.mode=offline)";

    private final MeterRegistry meters;

    public OfflineModelPort(MeterRegistry meters) {
        this.meters = Objects.requireNonNull(meters, "meters");
    }

    @Override
    public ModelAnswer answer(ModelRequest request, OfflineEngine offline) {
        long start = System.nanoTime();
        JsonNode output = offline.answer(request);
        Duration latency = Duration.ofNanos(System.nanoTime() - start);
        meters.timer(
                        MetricNames.AGENT_RESPONSE_TIME,
                        MetricTags.AGENT,
                        request.agent().displayName(),
                        MetricTags.ENGINE,
                        "offline")
                .record(latency);
        return new ModelAnswer(
                output,
                ModelAnswer.OFFLINE_ENGINE,
                0,
                0,
                latency,
                "offline-" + Preconditions.newId(),
                Optional.of(REASON));
    }
}
