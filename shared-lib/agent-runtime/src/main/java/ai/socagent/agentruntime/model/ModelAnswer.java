package ai.socagent.agentruntime.model;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * What a model (or the offline engine standing in for it) answered.
 *
 * @param output the answer; it satisfies the request's output schema
 * @param producedBy the model id, or {@link #OFFLINE_ENGINE}
 * @param inputTokens tokens read by the model (0 offline)
 * @param outputTokens tokens written by the model (0 offline)
 * @param latency wall time of the whole call, repair and fallback included
 * @param traceId the provider's request id, or a local id offline
 * @param fallbackReason why the offline engine answered instead of a model; empty when a model did
 */
public record ModelAnswer(
        JsonNode output,
        String producedBy,
        long inputTokens,
        long outputTokens,
        Duration latency,
        String traceId,
        Optional<String> fallbackReason) {

    /** {@link #producedBy()} of answers that come from the offline engine. */
    public static final String OFFLINE_ENGINE = "offline-engine";

    public ModelAnswer {
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(producedBy, "producedBy");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(traceId, "traceId");
        Objects.requireNonNull(fallbackReason, "fallbackReason");
        if (inputTokens < 0 || outputTokens < 0) {
            throw new IllegalArgumentException("token counts must not be negative");
        }
    }

    /** True when the offline engine answered. */
    public boolean isFallback() {
        return fallbackReason.isPresent();
    }
}
