package ai.socagent.agentruntime.model;

/**
 * The port agents call for model reasoning. An implementation never fails for model reasons: when
 * the model is unavailable, throttled past its retries, out of budget or answers outside the
 * schema, the {@code offline} engine answers and {@link ModelAnswer#fallbackReason()} says why.
 */
public interface ModelPort {

    ModelAnswer answer(ModelRequest request, OfflineEngine offline);

    /**
     * The state of the circuit breaker this port's model calls pass ({@code CLOSED}, {@code OPEN},
     * {@code HALF_OPEN} ...), for the agents' status; empty for a port without one (offline).
     */
    default java.util.Optional<String> breakerState() {
        return java.util.Optional.empty();
    }
}
