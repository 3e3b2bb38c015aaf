package ai.socagent.services.threatclassifier.application;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import ai.socagent.agentruntime.adapter.out.bedrock.BedrockClients;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local HTTP fake of Bedrock's Converse endpoint, answering as the real service encodes it (the
 * agent runtime's tests have the same one for its adapters).
 */
final class ConverseFake implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String CONVERSE_PATH = "/model/[^/]+/converse";

    final WireMockServer server = new WireMockServer(options().dynamicPort());

    ConverseFake() {
        server.start();
    }

    BedrockRuntimeClient client(Duration timeout) {
        return BedrockClients.forThePort(
                        BedrockRuntimeClient.builder()
                                .region(Region.US_EAST_1)
                                .credentialsProvider(StaticCredentialsProvider.create(
                                        AwsBasicCredentials.create("AKIDTEST", "secret")))
                                .endpointOverride(URI.create(server.baseUrl())),
                        timeout)
                .build();
    }

    /** A Converse response body whose assistant message is {@code text}. */
    static String converseBody(String text, int inputTokens, int outputTokens) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode message = body.putObject("output").putObject("message");
        message.put("role", "assistant");
        message.putArray("content").addObject().put("text", text);
        body.put("stopReason", "end_turn");
        body.putObject("usage")
                .put("inputTokens", inputTokens)
                .put("outputTokens", outputTokens)
                .put("totalTokens", inputTokens + outputTokens);
        body.putObject("metrics").put("latencyMs", 42);
        return JSON.writeValueAsString(body);
    }

    MappingBuilder converse() {
        return post(urlPathMatching(CONVERSE_PATH));
    }

    void answers(String text, int inputTokens, int outputTokens) {
        server.stubFor(converse().willReturn(ok(text, inputTokens, outputTokens)));
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder ok(
            String text, int inputTokens, int outputTokens) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withHeader("x-amzn-RequestId", "req-" + inputTokens + "-" + outputTokens)
                .withBody(converseBody(text, inputTokens, outputTokens));
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder throttled() {
        return aResponse()
                .withStatus(429)
                .withHeader("Content-Type", "application/json")
                .withHeader(
                        "x-amzn-ErrorType", "ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/")
                .withHeader("x-amzn-RequestId", "req-throttled")
                .withBody("{\"message\":\"Too many requests, please wait before trying again.\"}");
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder serverError() {
        return aResponse()
                .withStatus(500)
                .withHeader("Content-Type", "application/json")
                .withHeader("x-amzn-ErrorType", "InternalServerException")
                .withBody("{\"message\":\"boom\"}");
    }

    /** Answers with {@code responses} in order, the last one repeated. */
    final void sequence(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder... responses) {
        String state = Scenario.STARTED;
        for (int i = 0; i < responses.length; i++) {
            String next = i == responses.length - 1 ? state : "step-" + (i + 1);
            server.stubFor(converse()
                    .inScenario("sequence")
                    .whenScenarioStateIs(state)
                    .willReturn(responses[i])
                    .willSetStateTo(next));
            state = next;
        }
    }

    List<LoggedRequest> requests() {
        return server.findAll(
                com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlPathMatching(CONVERSE_PATH)));
    }

    @Override
    public void close() {
        server.stop();
    }
}
