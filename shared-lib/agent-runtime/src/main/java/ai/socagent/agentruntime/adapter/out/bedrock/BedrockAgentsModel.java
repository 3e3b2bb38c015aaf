package ai.socagent.agentruntime.adapter.out.bedrock;

import ai.socagent.agentruntime.model.LanguageModel;
import ai.socagent.agentruntime.model.ModelInvocationException;
import ai.socagent.agentruntime.model.ModelRequest;
import ai.socagent.agentruntime.prompt.Prompt;
import ai.socagent.domain.agent.AgentName;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.services.bedrockagentruntime.BedrockAgentRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockagentruntime.model.AccessDeniedException;
import software.amazon.awssdk.services.bedrockagentruntime.model.InvokeAgentRequest;
import software.amazon.awssdk.services.bedrockagentruntime.model.InvokeAgentResponseHandler;
import software.amazon.awssdk.services.bedrockagentruntime.model.Metadata;
import software.amazon.awssdk.services.bedrockagentruntime.model.PayloadPart;
import software.amazon.awssdk.services.bedrockagentruntime.model.ResourceNotFoundException;
import software.amazon.awssdk.services.bedrockagentruntime.model.ThrottlingException;
import software.amazon.awssdk.services.bedrockagentruntime.model.Trace;
import software.amazon.awssdk.services.bedrockagentruntime.model.TracePart;
import software.amazon.awssdk.services.bedrockagentruntime.model.ValidationException;

/**
 * Calls a Bedrock Agent through InvokeAgent: the agent id and alias id of each of the five agents
 * come from configuration (aliases differ per environment), the session id is the investigation
 * id, the streamed {@code chunk} events are assembled in order, and token usage is summed from the
 * model-invocation metadata of the {@code trace} events (trace is switched on for that).
 */
public final class BedrockAgentsModel implements LanguageModel {

    /** One deployed Bedrock Agent: its id and the alias of this environment. */
    public record AgentAlias(String agentId, String aliasId) {
        public AgentAlias {
            Objects.requireNonNull(agentId, "agentId");
            Objects.requireNonNull(aliasId, "aliasId");
        }
    }

    private final BedrockAgentRuntimeAsyncClient client;
    private final Map<AgentName, AgentAlias> aliases;

    public BedrockAgentsModel(BedrockAgentRuntimeAsyncClient client, Map<AgentName, AgentAlias> aliases) {
        this.client = Objects.requireNonNull(client, "client");
        this.aliases = new EnumMap<>(aliases);
    }

    /** The agent alias: a Bedrock agent's model quotas are its foundation model's, counted by alias here. */
    @Override
    public String target(ModelRequest request) {
        AgentAlias alias = aliases.get(request.agent());
        return alias == null ? "unconfigured" : "bedrock-agent:" + alias.agentId() + "/" + alias.aliasId();
    }

    @Override
    public Completion complete(ModelRequest request, Prompt prompt) {
        AgentAlias alias = aliases.get(request.agent());
        if (alias == null) {
            throw new ModelInvocationException(
                    ModelInvocationException.Kind.REJECTED,
                    "no Bedrock agent configured for " + request.agent().displayName(),
                    null);
        }
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        AtomicLong inputTokens = new AtomicLong();
        AtomicLong outputTokens = new AtomicLong();
        AtomicReference<String> requestId = new AtomicReference<>("unknown");
        InvokeAgentResponseHandler handler = InvokeAgentResponseHandler.builder()
                .onResponse(response -> {
                    String id = response.responseMetadata().requestId();
                    if (id != null) {
                        requestId.set(id);
                    }
                })
                .subscriber(InvokeAgentResponseHandler.Visitor.builder()
                        .onChunk(chunk -> append(text, chunk))
                        .onTrace(trace -> addUsage(trace, inputTokens, outputTokens))
                        .build())
                .build();
        InvokeAgentRequest invoke = InvokeAgentRequest.builder()
                .agentId(alias.agentId())
                .agentAliasId(alias.aliasId())
                .sessionId(request.sessionId())
                .enableTrace(true)
                .inputText(prompt.system() + "\n\n" + prompt.user())
                .build();
        try {
            client.invokeAgent(invoke, handler).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelInvocationException(ModelInvocationException.Kind.UNAVAILABLE, "interrupted", e);
        } catch (ExecutionException | CompletionException e) {
            throw map(alias, e.getCause() == null ? e : e.getCause());
        }
        String answer;
        synchronized (text) {
            answer = text.toString(StandardCharsets.UTF_8);
        }
        return new Completion(
                answer,
                "bedrock-agent:" + alias.agentId() + "/" + alias.aliasId(),
                inputTokens.get(),
                outputTokens.get(),
                requestId.get());
    }

    private static void append(ByteArrayOutputStream text, PayloadPart chunk) {
        if (chunk.bytes() != null) {
            synchronized (text) {
                text.writeBytes(chunk.bytes().asByteArray());
            }
        }
    }

    private static void addUsage(TracePart part, AtomicLong in, AtomicLong out) {
        Trace trace = part.trace();
        if (trace == null) {
            return;
        }
        Metadata[] metadata = {
            trace.preProcessingTrace() == null || trace.preProcessingTrace().modelInvocationOutput() == null
                    ? null
                    : trace.preProcessingTrace().modelInvocationOutput().metadata(),
            trace.orchestrationTrace() == null || trace.orchestrationTrace().modelInvocationOutput() == null
                    ? null
                    : trace.orchestrationTrace().modelInvocationOutput().metadata(),
            trace.postProcessingTrace() == null || trace.postProcessingTrace().modelInvocationOutput() == null
                    ? null
                    : trace.postProcessingTrace().modelInvocationOutput().metadata()
        };
        for (Metadata m : metadata) {
            if (m != null && m.usage() != null) {
                in.addAndGet(m.usage().inputTokens() == null ? 0 : m.usage().inputTokens());
                out.addAndGet(m.usage().outputTokens() == null ? 0 : m.usage().outputTokens());
            }
        }
    }

    private static ModelInvocationException map(AgentAlias alias, Throwable cause) {
        String message = alias.agentId() + "/" + alias.aliasId() + ": " + cause.getMessage();
        ModelInvocationException.Kind kind;
        if (cause instanceof ThrottlingException) {
            kind = ModelInvocationException.Kind.THROTTLED;
        } else if (cause instanceof ApiCallTimeoutException || cause instanceof ApiCallAttemptTimeoutException) {
            kind = ModelInvocationException.Kind.TIMEOUT;
        } else if (cause instanceof ValidationException
                || cause instanceof AccessDeniedException
                || cause instanceof ResourceNotFoundException) {
            kind = ModelInvocationException.Kind.REJECTED;
        } else {
            // any other SdkException (5xx, connection failure) or unexpected error
            kind = ModelInvocationException.Kind.UNAVAILABLE;
        }
        return new ModelInvocationException(kind, message, cause);
    }
}
