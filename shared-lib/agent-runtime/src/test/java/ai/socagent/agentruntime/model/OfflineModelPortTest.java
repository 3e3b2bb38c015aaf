package ai.socagent.agentruntime.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.socagent.agentruntime.SampleAgentContract;
import ai.socagent.domain.Severity;
import ai.socagent.domain.agent.AgentName;
import ai.socagent.observability.MetricNames;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class OfflineModelPortTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void answer_anyRequest_isTheOfflineEnginesWithTheOfflineModeAsReason() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ObjectNode offline = JSON.createObjectNode().put("category", "OTHER");
        ModelRequest request = new ModelRequest(
                AgentName.THREAT_CLASSIFIER,
                "inv-1",
                JSON.createObjectNode(),
                SampleAgentContract.schema(),
                Severity.LOW);

        ModelAnswer answer = new OfflineModelPort(meters).answer(request, r -> offline);

        assertThat(answer.output()).isEqualTo(offline);
        assertThat(answer.producedBy()).isEqualTo(ModelAnswer.OFFLINE_ENGINE);
        assertThat(answer.fallbackReason()).hasValue(OfflineModelPort.REASON);
        assertThat(answer.inputTokens() + answer.outputTokens()).isZero();
        assertThat(meters.get(MetricNames.AGENT_RESPONSE_TIME)
                        .tag("engine", "offline")
                        .timer()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void byAgent_policy_checksOnlyTheAgentItIsGivenFor() {
        OutputPolicy policy = OutputPolicy.byAgent(
                java.util.Map.of(AgentName.THREAT_CLASSIFIER, SampleAgentContract.severityFloor()));
        ObjectNode low = JSON.createObjectNode().put("severity", "LOW");

        assertThat(policy.violations(
                        new ModelRequest(
                                AgentName.THREAT_CLASSIFIER,
                                "inv-1",
                                JSON.createObjectNode(),
                                SampleAgentContract.schema(),
                                Severity.HIGH),
                        low))
                .singleElement()
                .asString()
                .contains("may not lower");
        assertThat(policy.violations(
                        new ModelRequest(
                                AgentName.INVESTIGATION,
                                "inv-1",
                                JSON.createObjectNode(),
                                SampleAgentContract.schema(),
                                Severity.HIGH),
                        low))
                .isEmpty();
    }
}
