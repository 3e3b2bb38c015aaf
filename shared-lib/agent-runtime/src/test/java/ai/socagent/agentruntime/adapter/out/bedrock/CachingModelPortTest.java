package ai.socagent.agentruntime.adapter.out.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import ai.socagent.agentruntime.SampleAgentContract;
import ai.socagent.agentruntime.budget.TokenBudget;
import ai.socagent.agentruntime.model.CachingModelPort;
import ai.socagent.agentruntime.model.ModelAnswer;
import ai.socagent.agentruntime.model.ModelRequest;
import ai.socagent.agentruntime.model.ModelRouting;
import ai.socagent.agentruntime.model.OfflineEngine;
import ai.socagent.agentruntime.model.ResilienceSettings;
import ai.socagent.agentruntime.model.ResilientModelPort;
import ai.socagent.agentruntime.prompt.OutputValidator;
import ai.socagent.agentruntime.prompt.PromptBuilder;
import ai.socagent.domain.Severity;
import ai.socagent.domain.agent.AgentName;
import ai.socagent.observability.MetricNames;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class CachingModelPortTest {

    private static final String VALID = "{\"category\":\"UNAUTHORIZED_ACCESS\",\"severity\":\"MEDIUM\","
            + "\"confidence\":0.8,\"techniques\":[],\"tactics\":[],\"rationale\":\"r\"}";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ConverseFake fake = new ConverseFake();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final AtomicLong nanos = new AtomicLong();
    private final OfflineEngine offline = SampleAgentContract.offline();

    @AfterEach
    void stop() {
        fake.close();
    }

    private CachingModelPort port() {
        ResilientModelPort model = new ResilientModelPort(
                new BedrockConverseModel(fake.client(Duration.ofSeconds(5)), ModelRouting.defaults(), 512),
                new PromptBuilder(),
                new OutputValidator(),
                new TokenBudget(1_000_000, 100_000, Clock.fixed(TestFindings.NOW, ZoneOffset.UTC), meters),
                new ResilienceSettings(1, Duration.ofMillis(1), 2.0, 0.0, 50f, 100, Duration.ofMinutes(1)),
                meters);
        return new CachingModelPort(model, Duration.ofMinutes(10), 1_000, nanos::get, meters);
    }

    private static ModelRequest request(String session, ObjectNode input) {
        return new ModelRequest(
                AgentName.THREAT_CLASSIFIER, session, input, SampleAgentContract.schema(), Severity.MEDIUM);
    }

    @Test
    void answer_sameInputReorderedAndRespaced_isServedFromCacheWithoutTokens() {
        fake.answers(VALID, 500, 60);
        CachingModelPort port = port();
        ObjectNode first =
                JSON.createObjectNode().put("title", "SSH  brute force").put("type", "x");
        ObjectNode second = JSON.createObjectNode().put("type", "x").put("title", " SSH brute\tforce ");

        ModelAnswer miss = port.answer(request("inv-1", first), offline);
        ModelAnswer hit = port.answer(request("inv-2", second), offline);

        assertThat(fake.requests()).hasSize(1);
        assertThat(hit.output()).isEqualTo(miss.output());
        assertThat(hit.inputTokens()).isZero();
        assertThat(hit.traceId()).isEqualTo("cache:" + miss.traceId());
        assertThat(meters.get(MetricNames.CONTEXT_CACHE_HIT_RATE)
                        .tag("result", "hit")
                        .counter()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void answer_afterTtl_callsTheModelAgain() {
        fake.answers(VALID, 500, 60);
        CachingModelPort port = port();
        ObjectNode input = JSON.createObjectNode().put("title", "t");

        port.answer(request("inv-1", input), offline);
        nanos.addAndGet(Duration.ofMinutes(11).toNanos());
        port.answer(request("inv-1", input), offline);

        assertThat(fake.requests()).hasSize(2);
    }

    @Test
    void answer_fallbackAnswer_isNotCached() {
        fake.answers("not json", 5, 5);
        CachingModelPort port = port();

        ModelAnswer first = port.answer(request("inv-1", JSON.createObjectNode().put("title", "a")), offline);
        ModelAnswer again = port.answer(request("inv-1", JSON.createObjectNode().put("title", "a")), offline);

        assertThat(first.isFallback()).isTrue();
        assertThat(again.isFallback()).isTrue();
        assertThat(fake.requests()).hasSize(4);
    }
}
