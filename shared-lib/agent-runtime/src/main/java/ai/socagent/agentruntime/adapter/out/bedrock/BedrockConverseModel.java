package ai.socagent.agentruntime.adapter.out.bedrock;

import ai.socagent.agentruntime.model.LanguageModel;
import ai.socagent.agentruntime.model.ModelInvocationException;
import ai.socagent.agentruntime.model.ModelRequest;
import ai.socagent.agentruntime.model.ModelRouting;
import ai.socagent.agentruntime.prompt.Prompt;
import java.util.Objects;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.AccessDeniedException;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.ModelTimeoutException;
import software.amazon.awssdk.services.bedrockruntime.model.ResourceNotFoundException;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

/**
 * Calls Bedrock's Converse API directly: the model comes from {@link ModelRouting} by agent and
 * severity, the system instruction goes into the system block and the delimited data section into
 * the user message. Token counts come from the response's {@code usage}, the trace id from the
 * request id. Failures are mapped to {@link ModelInvocationException} kinds; retrying is left to
 * the port (build the client with {@link BedrockClients}, which switches SDK retries off).
 */
public final class BedrockConverseModel implements LanguageModel {

    private final BedrockRuntimeClient client;
    private final ModelRouting routing;
    private final int maxOutputTokens;

    public BedrockConverseModel(BedrockRuntimeClient client, ModelRouting routing, int maxOutputTokens) {
        this.client = Objects.requireNonNull(client, "client");
        this.routing = Objects.requireNonNull(routing, "routing");
        if (maxOutputTokens < 1) {
            throw new IllegalArgumentException("maxOutputTokens must be positive");
        }
        this.maxOutputTokens = maxOutputTokens;
    }

    @Override
    public String target(ModelRequest request) {
        return routing.modelFor(request.agent(), request.severity());
    }

    @Override
    public int maxOutputTokens() {
        return maxOutputTokens;
    }

    @Override
    public Completion complete(ModelRequest request, Prompt prompt) {
        String modelId = target(request);
        ConverseRequest converse = ConverseRequest.builder()
                .modelId(modelId)
                .system(SystemContentBlock.fromText(prompt.system()))
                .messages(Message.builder()
                        .role(ConversationRole.USER)
                        .content(ContentBlock.fromText(prompt.user()))
                        .build())
                .inferenceConfig(c -> c.maxTokens(maxOutputTokens).temperature(0f))
                .build();
        ConverseResponse response;
        try {
            response = client.converse(converse);
        } catch (ThrottlingException e) {
            throw new ModelInvocationException(ModelInvocationException.Kind.THROTTLED, describe(modelId, e), e);
        } catch (ModelTimeoutException | ApiCallTimeoutException | ApiCallAttemptTimeoutException e) {
            throw new ModelInvocationException(ModelInvocationException.Kind.TIMEOUT, describe(modelId, e), e);
        } catch (ValidationException | AccessDeniedException | ResourceNotFoundException e) {
            throw new ModelInvocationException(ModelInvocationException.Kind.REJECTED, describe(modelId, e), e);
        } catch (SdkException e) {
            throw new ModelInvocationException(ModelInvocationException.Kind.UNAVAILABLE, describe(modelId, e), e);
        }
        String text = response.output() == null || response.output().message() == null
                ? ""
                : response.output().message().content().stream()
                        .map(ContentBlock::text)
                        .filter(Objects::nonNull)
                        .collect(Collectors.joining());
        long in = response.usage() == null ? 0 : response.usage().inputTokens();
        long out = response.usage() == null ? 0 : response.usage().outputTokens();
        String traceId = response.responseMetadata().requestId();
        return new Completion(text, modelId, in, out, traceId == null ? "unknown" : traceId);
    }

    private static String describe(String modelId, Exception e) {
        return modelId + ": " + e.getMessage();
    }
}
