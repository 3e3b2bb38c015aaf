package ai.socagent.agentruntime.model;

import ai.socagent.domain.agent.AgentName;
import java.util.Objects;

/**
 * An agent's own rules for model answers, contributed by its service: the agent runtime knows no
 * agent's rules, it collects these (one per agent, as beans in a Spring application) into {@link
 * OutputPolicy#byAgent}. The ThreatClassifier service contributes its severity floor this way.
 *
 * @param agent whose requests the policy checks
 * @param policy the rules
 */
public record AgentOutputPolicy(AgentName agent, OutputPolicy policy) {

    public AgentOutputPolicy {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(policy, "policy");
    }
}
