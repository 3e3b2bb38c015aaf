package ai.socagent.agentruntime.adapter.out.bedrock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.socagent.agentruntime.SampleAgentContract;
import ai.socagent.agentruntime.budget.TokenBudget;
import ai.socagent.agentruntime.model.LanguageModel;
import ai.socagent.agentruntime.model.ModelAnswer;
import ai.socagent.agentruntime.model.ModelInvocationException;
import ai.socagent.agentruntime.model.ModelRequest;
import ai.socagent.agentruntime.model.ResilienceSettings;
import ai.socagent.agentruntime.model.ResilientModelPort;
import ai.socagent.agentruntime.prompt.OutputValidator;
import ai.socagent.agentruntime.prompt.PromptBuilder;
import ai.socagent.domain.Severity;
import ai.socagent.domain.agent.AgentName;
import ai.socagent.domain.finding.Finding;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.eventstream.HeaderValue;
import software.amazon.awssdk.eventstream.Message;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockagentruntime.BedrockAgentRuntimeAsyncClient;

/** InvokeAgent through the real async SDK client against a fake that frames events like Bedrock. */
class BedrockAgentsModelTest {

    private static final String SESSION = "0d1c9f6e-2b7a-4c55-8a3e-1f2d3c4b5a69";
    private static final String AGENT_PATH = "/agents/AGENT00001/agentAliases/ALIASPROD1/sessions/" + SESSION + "/text";
    private static final String VALID = "{\"category\":\"UNAUTHORIZED_ACCESS\",\"severity\":\"MEDIUM\","
            + "\"confidence\":0.8,\"techniques\":[{\"id\":\"T1110\",\"name\":\"Brute Force\"}],"
            + "\"tactics\":[\"TA0006\"],\"rationale\":\"SSH brute force.\"}";

    private static final WireMockServer server = new WireMockServer(options().dynamicPort());
    private static BedrockAgentRuntimeAsyncClient client;
    private final Finding finding = TestFindings.sshBruteForce();

    @BeforeAll
    static void start() {
        server.start();
        client = BedrockClients.forThePort(
                        BedrockAgentRuntimeAsyncClient.builder()
                                .region(Region.US_EAST_1)
                                .credentialsProvider(StaticCredentialsProvider.create(
                                        AwsBasicCredentials.create("AKIDTEST", "secret")))
                                .endpointOverride(URI.create(server.baseUrl())),
                        Duration.ofSeconds(5))
                .build();
    }

    @AfterAll
    static void stop() {
        client.close();
        server.stop();
    }

    @BeforeEach
    void reset() {
        server.resetAll();
    }

    private BedrockAgentsModel model() {
        return new BedrockAgentsModel(
                client,
                Map.of(AgentName.THREAT_CLASSIFIER, new BedrockAgentsModel.AgentAlias("AGENT00001", "ALIASPROD1")));
    }

    private ModelRequest request(AgentName agent) {
        return new ModelRequest(
                agent, SESSION, SampleAgentContract.input(finding), SampleAgentContract.schema(), Severity.MEDIUM);
    }

    private static byte[] frame(String eventType, String json) {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(":message-type", HeaderValue.fromString("event"));
        headers.put(":event-type", HeaderValue.fromString(eventType));
        headers.put(":content-type", HeaderValue.fromString("application/json"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new Message(headers, json.getBytes(StandardCharsets.UTF_8)).encode(out);
        return out.toByteArray();
    }

    private static byte[] chunk(String text) {
        String bytes = Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        return frame("chunk", "{\"bytes\":\"" + bytes + "\"}");
    }

    private static byte[] usageTrace(String step, int in, int out) {
        return frame(
                "trace",
                "{\"agentId\":\"AGENT00001\",\"agentAliasId\":\"ALIASPROD1\",\"sessionId\":\"" + SESSION
                        + "\",\"trace\":{\"" + step + "\":{\"modelInvocationOutput\":{\"traceId\":\"t-1\","
                        + "\"metadata\":{\"usage\":{\"inputTokens\":" + in + ",\"outputTokens\":" + out + "}}}}}}");
    }

    private void stream(byte[]... frames) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] f : frames) {
            body.writeBytes(f);
        }
        server.stubFor(post(urlPathMatching("/agents/.*/text"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/vnd.amazon.eventstream")
                        .withHeader("x-amzn-bedrock-agent-content-type", "application/json")
                        .withHeader("x-amz-bedrock-agent-session-id", SESSION)
                        .withHeader("x-amzn-RequestId", "agent-req-1")
                        .withBody(body.toByteArray())));
    }

    @Test
    void complete_streamedChunks_areAssembledInOrderWithUsageFromTraces() {
        BedrockAgentsModel model = model();
        int half = VALID.length() / 2;
        stream(
                usageTrace("preProcessingTrace", 200, 20),
                chunk(VALID.substring(0, half)),
                usageTrace("orchestrationTrace", 700, 90),
                chunk(VALID.substring(half)));

        LanguageModel.Completion completion = model.complete(
                request(AgentName.THREAT_CLASSIFIER), new PromptBuilder().build(request(AgentName.THREAT_CLASSIFIER)));

        assertThat(completion.text()).isEqualTo(VALID);
        assertThat(completion.inputTokens()).isEqualTo(900);
        assertThat(completion.outputTokens()).isEqualTo(110);
        assertThat(completion.modelId()).isEqualTo("bedrock-agent:AGENT00001/ALIASPROD1");
        assertThat(completion.traceId()).isEqualTo("agent-req-1");
    }

    @Test
    void complete_request_usesConfiguredAgentAliasAndInvestigationSession() {
        BedrockAgentsModel model = model();
        stream(chunk(VALID));

        model.complete(
                request(AgentName.THREAT_CLASSIFIER), new PromptBuilder().build(request(AgentName.THREAT_CLASSIFIER)));

        var sent = server.findAll(postRequestedFor(urlPathEqualTo(AGENT_PATH)));
        assertThat(sent).hasSize(1);
        String body = sent.get(0).getBodyAsString();
        assertThat(body).contains("\"enableTrace\":true").contains("UNTRUSTED_DATA_BEGIN");
    }

    @Test
    void complete_throttled_raisesThrottledKind() {
        BedrockAgentsModel model = model();
        server.stubFor(post(urlPathMatching("/agents/.*/text"))
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader("Content-Type", "application/json")
                        .withHeader("x-amzn-ErrorType", "ThrottlingException")
                        .withBody("{\"message\":\"slow down\"}")));

        assertThatThrownBy(() -> model.complete(
                        request(AgentName.THREAT_CLASSIFIER),
                        new PromptBuilder().build(request(AgentName.THREAT_CLASSIFIER))))
                .isInstanceOfSatisfying(
                        ModelInvocationException.class,
                        e -> assertThat(e.kind()).isEqualTo(ModelInvocationException.Kind.THROTTLED));
    }

    @Test
    void answer_throughPort_agentWithoutAliasFallsBackToOffline() {
        BedrockAgentsModel model = model();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ResilientModelPort port = new ResilientModelPort(
                model,
                new PromptBuilder(),
                new OutputValidator(),
                new TokenBudget(1_000_000, 100_000, Clock.fixed(TestFindings.NOW, ZoneOffset.UTC), meters),
                new ResilienceSettings(2, Duration.ofMillis(1), 2.0, 0.5, 50f, 10, Duration.ofMinutes(1)),
                meters);

        ModelAnswer answer = port.answer(request(AgentName.ROOT_CAUSE_ANALYSIS), SampleAgentContract.offline());

        assertThat(answer.producedBy()).isEqualTo(ModelAnswer.OFFLINE_ENGINE);
        assertThat(answer.fallbackReason())
                .hasValueSatisfying(
                        reason -> assertThat(reason).contains("no Bedrock agent configured for RootCauseAnalysis"));
        assertThat(server.getAllServeEvents()).isEmpty();
    }

    @Test
    void answer_throughPort_streamedValidAnswerIsAcceptedWithTraceTokens() {
        BedrockAgentsModel model = model();
        stream(chunk(VALID), usageTrace("orchestrationTrace", 300, 40));
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ResilientModelPort port = new ResilientModelPort(
                model,
                new PromptBuilder(),
                new OutputValidator(),
                new TokenBudget(1_000_000, 100_000, Clock.fixed(TestFindings.NOW, ZoneOffset.UTC), meters),
                ResilienceSettings.defaults(),
                meters);

        ModelAnswer answer = port.answer(request(AgentName.THREAT_CLASSIFIER), r -> {
            throw new AssertionError("no fallback expected");
        });

        assertThat(answer.isFallback()).isFalse();
        assertThat(answer.inputTokens()).isEqualTo(300);
        assertThat(answer.outputTokens()).isEqualTo(40);
        assertThat(answer.output().get("techniques").get(0).get("id").asString())
                .isEqualTo("T1110");
    }
}
