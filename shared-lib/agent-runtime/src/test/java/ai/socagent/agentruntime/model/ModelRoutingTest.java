package ai.socagent.agentruntime.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.socagent.domain.Severity;
import ai.socagent.domain.agent.AgentName;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ModelRoutingTest {

    private final ModelRouting routing = ModelRouting.defaults();

    @Test
    void modelFor_triageAtHigh_isHaiku() {
        assertThat(routing.modelFor(AgentName.THREAT_CLASSIFIER, Severity.HIGH))
                .isEqualTo(ModelRouting.CLAUDE_35_HAIKU);
    }

    @Test
    void modelFor_investigationAndRootCauseAtMedium_isSonnet() {
        assertThat(routing.modelFor(AgentName.INVESTIGATION, Severity.MEDIUM)).isEqualTo(ModelRouting.CLAUDE_35_SONNET);
        assertThat(routing.modelFor(AgentName.ROOT_CAUSE_ANALYSIS, Severity.HIGH))
                .isEqualTo(ModelRouting.CLAUDE_35_SONNET);
    }

    @Test
    void modelFor_critical_isSonnetForEveryAgent() {
        for (AgentName agent : AgentName.values()) {
            assertThat(routing.modelFor(agent, Severity.CRITICAL)).isEqualTo(ModelRouting.CLAUDE_35_SONNET);
        }
    }

    @Test
    void modelFor_lowSeverity_isHaikuEvenForDeepAgents() {
        assertThat(routing.modelFor(AgentName.INVESTIGATION, Severity.LOW)).isEqualTo(ModelRouting.CLAUDE_35_HAIKU);
        assertThat(routing.modelFor(AgentName.ROOT_CAUSE_ANALYSIS, Severity.INFORMATIONAL))
                .isEqualTo(ModelRouting.CLAUDE_35_HAIKU);
    }

    @Test
    void modelFor_configuredIds_areUsed() {
        ModelRouting custom = new ModelRouting("fast-id", "deep-id", Set.of(AgentName.RESPONSE_ORCHESTRATION));

        assertThat(custom.modelFor(AgentName.RESPONSE_ORCHESTRATION, Severity.HIGH))
                .isEqualTo("deep-id");
        assertThat(custom.modelFor(AgentName.INVESTIGATION, Severity.HIGH)).isEqualTo("fast-id");
    }
}
