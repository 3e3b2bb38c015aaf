package ai.socagent.agentruntime.model;

import ai.socagent.domain.agent.AgentName;
import ai.socagent.domain.agent.AgentStatus;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The model part of an agent's status in this process: how it reasons ({@code offline}, {@code
 * converse}, {@code agents}) and, per model it called, the model-call gate's figures and the state of
 * the breaker the calls pass. Thread-safe; each call reads the figures as they are now.
 */
public final class AgentModelStatus {

    private final String mode;
    private final ModelCallGate gate;
    private final ModelPort port;

    public AgentModelStatus(String mode, ModelCallGate gate, ModelPort port) {
        this.mode = Objects.requireNonNull(mode, "mode");
        this.gate = Objects.requireNonNull(gate, "gate");
        this.port = Objects.requireNonNull(port, "port");
    }

    /** How the agents of this process reason. */
    public String mode() {
        return mode;
    }

    /** The agent's calls per model it called so far, by model id. */
    public List<AgentStatus.ModelCalls> models(AgentName agent) {
        Optional<String> breaker = port.breakerState();
        return gate.status().stream()
                .filter(place -> place.agent().equals(agent.displayName()))
                .map(place -> new AgentStatus.ModelCalls(
                        place.model(),
                        place.inFlight(),
                        place.limit(),
                        place.waiting(),
                        place.limiterWaits(),
                        place.throttled(),
                        place.overQuota(),
                        breaker))
                .toList();
    }
}
