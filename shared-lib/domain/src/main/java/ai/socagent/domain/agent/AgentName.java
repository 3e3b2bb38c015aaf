package ai.socagent.domain.agent;

import ai.socagent.domain.Preconditions;
import java.util.Optional;

/** The five agents of the pipeline. */
public enum AgentName {
    THREAT_CLASSIFIER("ThreatClassifier"),
    THREAT_INTELLIGENCE("ThreatIntelligence"),
    INVESTIGATION("Investigation"),
    ROOT_CAUSE_ANALYSIS("RootCauseAnalysis"),
    RESPONSE_ORCHESTRATION("ResponseOrchestration");

    private final String displayName;

    AgentName(String displayName) {
        this.displayName = displayName;
    }

    /** The name used in logs, metrics and {@code classifiedBy}, e.g. "ThreatClassifier". */
    public String displayName() {
        return displayName;
    }

    /** The agent with this exact display name. */
    public static Optional<AgentName> fromDisplayName(String displayName) {
        Preconditions.requireNonNull(displayName, "displayName");
        for (AgentName agent : values()) {
            if (agent.displayName.equals(displayName)) {
                return Optional.of(agent);
            }
        }
        return Optional.empty();
    }
}
