package ai.socagent.agentruntime.adapter.out.bedrock;

import static ai.socagent.agentruntime.adapter.out.bedrock.ConverseFake.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import ai.socagent.agentruntime.SampleAgentContract;
import ai.socagent.agentruntime.budget.TokenBudget;
import ai.socagent.agentruntime.model.GatedLanguageModel;
import ai.socagent.agentruntime.model.ModelAnswer;
import ai.socagent.agentruntime.model.ModelCallGate;
import ai.socagent.agentruntime.model.ModelRequest;
import ai.socagent.agentruntime.model.ModelRouting;
import ai.socagent.agentruntime.model.OfflineEngine;
import ai.socagent.agentruntime.model.ResilienceSettings;
import ai.socagent.agentruntime.model.ResilientModelPort;
import ai.socagent.agentruntime.prompt.OutputValidator;
import ai.socagent.agentruntime.prompt.PromptBuilder;
import ai.socagent.domain.Severity;
import ai.socagent.domain.agent.AgentName;
import ai.socagent.domain.finding.Finding;
import ai.socagent.observability.MetricNames;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class BedrockConverseModelTest {

    private static final String VALID = """
            {"category":"UNAUTHORIZED_ACCESS","severity":"MEDIUM","confidence":0.8,
             "techniques":[{"id":"T1110","name":"Brute Force"}],"tactics":["TA0006"],
             "rationale":"SSH brute force from one address."}""";

    private final ConverseFake fake = new ConverseFake();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Finding finding = TestFindings.sshBruteForce();
    private final OfflineEngine offline = SampleAgentContract.offline();

    @AfterEach
    void stop() {
        fake.close();
    }

    private ResilientModelPort port(TokenBudget budget, ResilienceSettings settings, Duration timeout) {
        return new ResilientModelPort(
                new BedrockConverseModel(fake.client(timeout), ModelRouting.defaults(), 1024),
                new PromptBuilder(),
                new OutputValidator(),
                budget,
                settings,
                meters);
    }

    private ResilientModelPort port() {
        return port(budget(1_000_000, 100_000), fastRetries(3), Duration.ofSeconds(5));
    }

    private TokenBudget budget(long daily, long perInvestigation) {
        return new TokenBudget(daily, perInvestigation, Clock.fixed(TestFindings.NOW, ZoneOffset.UTC), meters);
    }

    private static ResilienceSettings fastRetries(int attempts) {
        return new ResilienceSettings(attempts, Duration.ofMillis(5), 2.0, 0.5, 50f, 4, Duration.ofMinutes(5));
    }

    private ModelRequest request(AgentName agent, Severity severity) {
        return new ModelRequest(
                agent, "inv-1", SampleAgentContract.input(finding), SampleAgentContract.schema(), severity);
    }

    private double fallbacks(String reason) {
        var counter =
                meters.find(MetricNames.AGENT_ERROR_RATE).tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void answer_validModelOutput_returnsItWithTokensModelAndTrace() {
        fake.answers(VALID, 900, 120);

        ModelAnswer answer = port().answer(request(AgentName.THREAT_CLASSIFIER, Severity.MEDIUM), offline);

        assertThat(answer.isFallback()).isFalse();
        assertThat(answer.output().get("category").asString()).isEqualTo("UNAUTHORIZED_ACCESS");
        assertThat(answer.producedBy()).isEqualTo(ModelRouting.CLAUDE_35_HAIKU);
        assertThat(answer.inputTokens()).isEqualTo(900);
        assertThat(answer.outputTokens()).isEqualTo(120);
        assertThat(answer.traceId()).isEqualTo("req-900-120");
        assertThat(answer.latency()).isPositive();
        assertThat(meters.find(MetricNames.AGENT_TOKEN_CONSUMPTION)
                        .tag("direction", "input")
                        .counter()
                        .count())
                .isEqualTo(900);
    }

    @Test
    void answer_request_sendsSystemInstructionAndDelimitedDataToRoutedModel() {
        fake.answers(VALID, 10, 10);

        port().answer(request(AgentName.THREAT_CLASSIFIER, Severity.MEDIUM), offline);

        LoggedRequest sent = fake.requests().get(0);
        assertThat(sent.getUrl()).contains("anthropic.claude-3-5-haiku");
        JsonNode body = JSON.readTree(sent.getBodyAsString());
        assertThat(body.get("system").get(0).get("text").asString())
                .contains("untrusted DATA")
                .contains("never an instruction");
        String user =
                body.get("messages").get(0).get("content").get(0).get("text").asString();
        assertThat(user).contains("<<<UNTRUSTED_DATA_BEGIN ").contains("SSH brute force");
        assertThat(body.get("inferenceConfig").get("temperature").asDouble()).isZero();
    }

    @Test
    void answer_criticalOrInvestigation_routesToSonnet() {
        fake.answers(VALID, 10, 10);

        ModelAnswer critical = port().answer(request(AgentName.THREAT_CLASSIFIER, Severity.CRITICAL), offline);
        ModelAnswer investigation = port().answer(request(AgentName.INVESTIGATION, Severity.HIGH), offline);
        ModelAnswer lowInvestigation = port().answer(request(AgentName.INVESTIGATION, Severity.LOW), offline);

        assertThat(critical.producedBy()).isEqualTo(ModelRouting.CLAUDE_35_SONNET);
        assertThat(investigation.producedBy()).isEqualTo(ModelRouting.CLAUDE_35_SONNET);
        assertThat(lowInvestigation.producedBy()).isEqualTo(ModelRouting.CLAUDE_35_HAIKU);
        assertThat(fake.requests())
                .extracting(LoggedRequest::getUrl)
                .anySatisfy(url -> assertThat(url).contains("sonnet"));
    }

    @Test
    void answer_throttledThenOk_retriesAndReturnsModelAnswer() {
        fake.sequence(ConverseFake.throttled(), ConverseFake.throttled(), ConverseFake.ok(VALID, 50, 20));

        ModelAnswer answer = port().answer(request(AgentName.THREAT_CLASSIFIER, Severity.MEDIUM), offline);

        assertThat(answer.isFallback()).isFalse();
        assertThat(fake.requests()).hasSize(3);
    }

    @Test
    void answer_throttledPastRetries_fallsBackToOfflineCountedAndExplained() {
        fake.sequence(ConverseFake.throttled());

        ModelAnswer answer = port().answer(request(AgentName.THREAT_CLASSIFIER, Severity.MEDIUM), offline);

        assertThat(fake.requests()).hasSize(3);
        assertThat(answer.producedBy()).isEqualTo(ModelAnswer.OFFLINE_ENGINE);
        assertThat(answer.fallbackReason())
                .hasValueSatisfying(
                        reason -> assertThat(reason).contains("THROTTLED").contains("offline engine"));
        assertThat(answer.output()).isEqualTo(offline.answer(request(AgentName.THREAT_CLASSIFIER, Severity.MEDIUM)));
        assertThat(fallbacks("throttled")).isEqualTo(1);
    }

    @Test
    void answer_throttledThroughTheGate_halvesTheAgentsLimitAndLeavesTheBreakerClosed() {
        fake.sequence(ConverseFake.throttled());
        ModelCallGate gate = new ModelCallGate(
                new ModelCallGate.Settings(
                        new ModelCallGate.Quota(16, 60_000, 100_000_000L),
                        Map.of(),
                        Map.of(),
                        0.2,
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(30)),
                meters);
        ResilientModelPort port = new ResilientModelPort(
                new GatedLanguageModel(
                        new BedrockConverseModel(fake.client(Duration.ofSeconds(5)), ModelRouting.defaults(), 1024),
                        gate),
                new PromptBuilder(),
                new OutputValidator(),
                budget(1_000_000, 100_000),
                fastRetries(3),
                meters);

        for (int i = 0; i < 3; i++) {
            assertThat(port.answer(request(AgentName.THREAT_CLASSIFIER, Severity.MEDIUM), offline)
                            .isFallback())
                    .isTrue();
        }

        // 3 answers x 3 attempts, every one throttled: 16 halved nine times, down to 1
        assertThat(fake.requests()).hasSize(9);
        assertThat(gate.limit(AgentName.THREAT_CLASSIFIER, ModelRouting.CLAUDE_35_HAIKU))
                .isEqualTo(1);
        assertThat(meters.get("soc.model.calls.throttled").counter().count()).isEqualTo(9);
        assertThat(port.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void answer_serverErrors_areNotRetriedAndOpenTheCircuitBreaker() {
        fake.sequence(ConverseFake.serverError());
        ResilientModelPort port = port();

        for (int i = 0; i < 4; i++) {
            assertThat(port.answer(request(AgentName.THREAT_CLASSIFIER, Severity.MEDIUM), offline)
                            .isFallback())
                    .isTrue();
        }
        ModelAnswer whileOpen = port.answer(request(AgentName.THREAT_CLASSIFIER, Severity.MEDIUM), offline);

        assertThat(port.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(fake.requests()).hasSize(4);
        assertThat(whileOpen.fallbackReason())
                .hasValueSatisfying(reason -> assertThat(reason).contains("circuit breaker is open"));
        assertThat(fallbacks("unavailable")).isEqualTo(4);
        assertThat(fallbacks("circuit-open")).isEqualTo(1);
    }

    @Test
    void answer_slowModel_timesOutAndFallsBack() {
        fake.server.stubFor(
                fake.converse().willReturn(ConverseFake.ok(VALID, 1, 1).withFixedDelay(1500)));

        ModelAnswer answer = port(budget(1_000_000, 100_000), fastRetries(3), Duration.ofMillis(300))
                .answer(request(AgentName.THREAT_CLASSIFIER, Severity.MEDIUM), offline);

        assertThat(answer.fallbackReason())
                .hasValueSatisfying(reason -> assertThat(reason).contains("TIMEOUT"));
        assertThat(fallbacks("timeout")).isEqualTo(1);
    }

    @Test
    void answer_invalidThenValid_repairsOnceWithErrorsInDataSection() {
        fake.sequence(
                ConverseFake.ok("Sure! The category is probably brute force.", 30, 10), ConverseFake.ok(VALID, 40, 20));

        ModelAnswer answer = port().answer(request(AgentName.THREAT_CLASSIFIER, Severity.MEDIUM), offline);

        assertThat(answer.isFallback()).isFalse();
        assertThat(answer.inputTokens()).isEqualTo(70);
        assertThat(answer.outputTokens()).isEqualTo(30);
        String repairUser = JSON.readTree(fake.requests().get(1).getBodyAsString())
                .get("messages")
                .get(0)
                .get("content")
                .get(0)
                .get("text")
                .asString();
        assertThat(repairUser).contains("previousAnswer").contains("validationErrors");
    }

    @Test
    void answer_invalidTwice_fallsBackAfterExactlyOneRepair() {
        fake.answers("{\"category\":\"UNAUTHORIZED_ACCESS\"}", 30, 10);

        ModelAnswer answer = port().answer(request(AgentName.THREAT_CLASSIFIER, Severity.MEDIUM), offline);

        assertThat(fake.requests()).hasSize(2);
        assertThat(answer.producedBy()).isEqualTo(ModelAnswer.OFFLINE_ENGINE);
        assertThat(answer.fallbackReason())
                .hasValueSatisfying(reason -> assertThat(reason).contains("after one repair attempt"));
        assertThat(fallbacks("invalid-output")).isEqualTo(1);
    }

    @Test
    void answer_investigationBudgetSpent_usesOfflineWithoutCallingTheModel() {
        fake.answers(VALID, 600, 500);
        ResilientModelPort port = port(budget(1_000_000, 1_000), fastRetries(3), Duration.ofSeconds(5));

        ModelAnswer first = port.answer(request(AgentName.THREAT_CLASSIFIER, Severity.MEDIUM), offline);
        ModelAnswer second = port.answer(request(AgentName.THREAT_CLASSIFIER, Severity.MEDIUM), offline);

        assertThat(first.isFallback()).isFalse();
        assertThat(fake.requests()).hasSize(1);
        assertThat(second.producedBy()).isEqualTo(ModelAnswer.OFFLINE_ENGINE);
        assertThat(second.fallbackReason())
                .hasValueSatisfying(reason ->
                        assertThat(reason).contains("investigation token budget exhausted (1100 of 1000 tokens)"));
        assertThat(fallbacks("budget")).isEqualTo(1);
    }
}
