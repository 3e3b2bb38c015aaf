package ai.socagent.domain.agent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AgentNameTest {

    @Test
    void displayName_eachAgent_matchesPublishedName() {
        assertThat(AgentName.THREAT_CLASSIFIER.displayName()).isEqualTo("ThreatClassifier");
        assertThat(AgentName.THREAT_INTELLIGENCE.displayName()).isEqualTo("ThreatIntelligence");
        assertThat(AgentName.INVESTIGATION.displayName()).isEqualTo("Investigation");
        assertThat(AgentName.ROOT_CAUSE_ANALYSIS.displayName()).isEqualTo("RootCauseAnalysis");
        assertThat(AgentName.RESPONSE_ORCHESTRATION.displayName()).isEqualTo("ResponseOrchestration");
    }

    @Test
    void fromDisplayName_knownAndUnknown_resolves() {
        for (AgentName agent : AgentName.values()) {
            assertThat(AgentName.fromDisplayName(agent.displayName())).contains(agent);
        }
        assertThat(AgentName.fromDisplayName("threatclassifier")).isEmpty();
    }
}
