package ai.socagent.agentruntime.model;

import ai.socagent.agentruntime.budget.TokenBudget;
import ai.socagent.agentruntime.prompt.OutputValidator;
import ai.socagent.agentruntime.prompt.Prompt;
import ai.socagent.agentruntime.prompt.PromptBuilder;
import ai.socagent.domain.Preconditions;
import ai.socagent.observability.MetricNames;
import ai.socagent.observability.MetricTags;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The {@link ModelPort}: budget check, safe prompt, model call through a Resilience4j retry
 * (jittered exponential backoff, on throttling only) and circuit breaker, schema validation of the
 * answer with one repair attempt, and the offline engine whenever any of that fails. Every fallback
 * is logged and counted in {@code AI.Agent.ErrorRate} (tags agent, reason, outcome=fallback).
 */
public final class ResilientModelPort implements ModelPort {

    private static final Logger LOG = LoggerFactory.getLogger(ResilientModelPort.class);

    private final LanguageModel model;
    private final PromptBuilder prompts;
    private final OutputValidator validator;
    private final TokenBudget budget;
    private final MeterRegistry meters;
    private final Retry retry;
    private final CircuitBreaker circuitBreaker;
    private final OutputPolicy policy;

    public ResilientModelPort(
            LanguageModel model,
            PromptBuilder prompts,
            OutputValidator validator,
            TokenBudget budget,
            ResilienceSettings settings,
            MeterRegistry meters) {
        this(model, prompts, validator, budget, settings, meters, OutputPolicy.NONE);
    }

    /** As above, with rules the model's schema-valid answers must also keep. */
    public ResilientModelPort(
            LanguageModel model,
            PromptBuilder prompts,
            OutputValidator validator,
            TokenBudget budget,
            ResilienceSettings settings,
            MeterRegistry meters,
            OutputPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.model = Objects.requireNonNull(model, "model");
        this.prompts = Objects.requireNonNull(prompts, "prompts");
        this.validator = Objects.requireNonNull(validator, "validator");
        this.budget = Objects.requireNonNull(budget, "budget");
        this.meters = Objects.requireNonNull(meters, "meters");
        this.retry = Retry.of(
                "model",
                RetryConfig.custom()
                        .maxAttempts(settings.maxAttempts())
                        .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(
                                settings.initialBackoff(), settings.backoffMultiplier(), settings.jitter()))
                        .retryOnException(e -> e instanceof ModelInvocationException m
                                && m.kind() == ModelInvocationException.Kind.THROTTLED)
                        .build());
        this.circuitBreaker = CircuitBreaker.of(
                "model",
                CircuitBreakerConfig.custom()
                        .failureRateThreshold(settings.failureRateThreshold())
                        .minimumNumberOfCalls(settings.minimumCalls())
                        .slidingWindowSize(Math.max(settings.minimumCalls(), 10))
                        .waitDurationInOpenState(settings.openWait())
                        // Refusals, throttling and our own limits say nothing about the provider's health:
                        // throttling is met by the model-call gate halving its limit, not by opening.
                        .recordException(e -> e instanceof ModelInvocationException m
                                && m.kind() != ModelInvocationException.Kind.REJECTED
                                && m.kind() != ModelInvocationException.Kind.THROTTLED
                                && m.kind() != ModelInvocationException.Kind.OVER_QUOTA)
                        .build());
    }

    /** The breaker, for health reporting. */
    public CircuitBreaker circuitBreaker() {
        return circuitBreaker;
    }

    @Override
    public java.util.Optional<String> breakerState() {
        return java.util.Optional.of(circuitBreaker.getState().name());
    }

    /** The retry, for its metrics. */
    public Retry retry() {
        return retry;
    }

    @Override
    public ModelAnswer answer(ModelRequest request, OfflineEngine offline) {
        long start = System.nanoTime();
        Calls calls = new Calls();
        Optional<String> exhausted = budget.exhaustion(request.sessionId());
        if (exhausted.isPresent()) {
            return fallback(request, offline, "budget", "token budget: " + exhausted.get(), calls, start);
        }
        try {
            Prompt prompt = prompts.build(request);
            LanguageModel.Completion first = call(request, prompt, calls);
            OutputValidator.Result result = check(request, first.text());
            if (result instanceof OutputValidator.Valid valid) {
                return modelAnswer(request, valid.output(), first, calls, start);
            }
            OutputValidator.Invalid invalid = (OutputValidator.Invalid) result;
            LOG.warn(
                    "{} model output failed the schema for session {}, one repair attempt: {}",
                    request.agent().displayName(),
                    request.sessionId(),
                    invalid.errors());
            exhausted = budget.exhaustion(request.sessionId());
            if (exhausted.isPresent()) {
                return fallback(request, offline, "budget", "token budget: " + exhausted.get(), calls, start);
            }
            LanguageModel.Completion repaired =
                    call(request, prompts.repair(request, first.text(), invalid.errors()), calls);
            OutputValidator.Result second = check(request, repaired.text());
            if (second instanceof OutputValidator.Valid valid) {
                return modelAnswer(request, valid.output(), repaired, calls, start);
            }
            return fallback(
                    request,
                    offline,
                    "invalid-output",
                    "model output failed the output schema or policy after one repair attempt: "
                            + ((OutputValidator.Invalid) second).errors(),
                    calls,
                    start);
        } catch (CallNotPermittedException e) {
            return fallback(request, offline, "circuit-open", "model circuit breaker is open", calls, start);
        } catch (ModelInvocationException e) {
            return fallback(
                    request,
                    offline,
                    e.kind().name().toLowerCase(Locale.ROOT),
                    "model call failed (" + e.kind() + "): " + e.getMessage(),
                    calls,
                    start);
        }
    }

    private OutputValidator.Result check(ModelRequest request, String text) {
        OutputValidator.Result result = validator.validate(text, request.outputSchema());
        if (result instanceof OutputValidator.Valid valid) {
            List<String> violations = policy.violations(request, valid.output());
            if (!violations.isEmpty()) {
                return new OutputValidator.Invalid(violations);
            }
        }
        return result;
    }

    private LanguageModel.Completion call(ModelRequest request, Prompt prompt, Calls calls) {
        Supplier<LanguageModel.Completion> guarded = Retry.decorateSupplier(
                retry, CircuitBreaker.decorateSupplier(circuitBreaker, () -> model.complete(request, prompt)));
        LanguageModel.Completion completion = guarded.get();
        budget.record(
                request.agent(),
                request.sessionId(),
                completion.modelId(),
                completion.inputTokens(),
                completion.outputTokens());
        calls.add(completion);
        return completion;
    }

    private ModelAnswer modelAnswer(
            ModelRequest request, JsonNode output, LanguageModel.Completion last, Calls calls, long start) {
        Duration latency = Duration.ofNanos(System.nanoTime() - start);
        meters.timer(
                        MetricNames.AGENT_RESPONSE_TIME,
                        MetricTags.AGENT,
                        request.agent().displayName(),
                        MetricTags.ENGINE,
                        "model")
                .record(latency);
        return new ModelAnswer(
                output,
                last.modelId(),
                calls.inputTokens,
                calls.outputTokens,
                latency,
                last.traceId(),
                Optional.empty());
    }

    private ModelAnswer fallback(
            ModelRequest request, OfflineEngine offline, String reasonCode, String reason, Calls calls, long start) {
        LOG.warn(
                "{} falls back to the offline engine for session {}: {}",
                request.agent().displayName(),
                request.sessionId(),
                reason);
        meters.counter(
                        MetricNames.AGENT_ERROR_RATE,
                        MetricTags.AGENT,
                        request.agent().displayName(),
                        MetricTags.REASON,
                        reasonCode,
                        MetricTags.OUTCOME,
                        "fallback")
                .increment();
        JsonNode output = offline.answer(request);
        if (validator.validate(output, request.outputSchema()) instanceof OutputValidator.Invalid invalid) {
            throw new IllegalStateException("the offline engine's answer fails the output schema: " + invalid.errors());
        }
        Duration latency = Duration.ofNanos(System.nanoTime() - start);
        meters.timer(
                        MetricNames.AGENT_RESPONSE_TIME,
                        MetricTags.AGENT,
                        request.agent().displayName(),
                        MetricTags.ENGINE,
                        "offline")
                .record(latency);
        String traceId = calls.lastTraceId != null ? calls.lastTraceId : "offline-" + Preconditions.newId();
        return new ModelAnswer(
                output,
                ModelAnswer.OFFLINE_ENGINE,
                calls.inputTokens,
                calls.outputTokens,
                latency,
                traceId,
                Optional.of(reason + "; answered by the offline engine"));
    }

    private static final class Calls {
        private long inputTokens;
        private long outputTokens;
        private String lastTraceId;

        void add(LanguageModel.Completion completion) {
            inputTokens += completion.inputTokens();
            outputTokens += completion.outputTokens();
            lastTraceId = completion.traceId();
        }
    }
}
