package ai.socagent.agentruntime.model;

import ai.socagent.domain.Severity;
import ai.socagent.domain.agent.AgentName;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Which model answers which call: the fast model (Claude 3.5 Haiku) for triage and low severity,
 * the deep model (Claude 3.5 Sonnet) for investigation, root cause and CRITICAL threats. Model ids
 * come from configuration.
 */
public record ModelRouting(String fastModelId, String deepModelId, Set<AgentName> deepAgents) {

    public static final String CLAUDE_35_HAIKU = "anthropic.claude-3-5-haiku-20241022-v1:0";
    public static final String CLAUDE_35_SONNET = "anthropic.claude-3-5-sonnet-20241022-v2:0";

    public ModelRouting {
        Objects.requireNonNull(fastModelId, "fastModelId");
        Objects.requireNonNull(deepModelId, "deepModelId");
        deepAgents = Set.copyOf(deepAgents);
    }

    /** Haiku and Sonnet, with Investigation and RootCauseAnalysis on the deep model. */
    public static ModelRouting defaults() {
        return new ModelRouting(
                CLAUDE_35_HAIKU, CLAUDE_35_SONNET, EnumSet.of(AgentName.INVESTIGATION, AgentName.ROOT_CAUSE_ANALYSIS));
    }

    /** CRITICAL always goes deep; LOW and INFORMATIONAL always fast; otherwise by agent. */
    public String modelFor(AgentName agent, Severity severity) {
        if (severity == Severity.CRITICAL) {
            return deepModelId;
        }
        if (!severity.isAtLeast(Severity.MEDIUM)) {
            return fastModelId;
        }
        return deepAgents.contains(agent) ? deepModelId : fastModelId;
    }
}
