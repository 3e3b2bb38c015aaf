package ai.socagent.agentruntime.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ai.socagent.agentruntime.SampleAgentContract;
import ai.socagent.domain.Severity;
import ai.socagent.domain.agent.AgentName;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ModelCallGateTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String HAIKU = ModelRouting.CLAUDE_35_HAIKU;
    private static final ModelCallGate.Quota GENEROUS = new ModelCallGate.Quota(5, 60_000, 100_000_000L);

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();
    private final CountDownLatch answer = new CountDownLatch(1);
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();

    @AfterEach
    void release() {
        answer.countDown();
        callers.shutdownNow();
    }

    @Test
    void call_moreCallersThanTheLimit_runAtMostTheLimitAndTheRestWait() throws Exception {
        ModelCallGate gate = gate(GENEROUS, 0.0, Duration.ofSeconds(30));
        List<Future<String>> calls = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            calls.add(callers.submit(() -> gate.call(request(Severity.HIGH), HAIKU, 100, this::slowAnswer)));
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> running.get() == 5);
        await().atMost(Duration.ofSeconds(5)).until(() -> gauge("soc.model.calls.waiting") == 7);
        assertThat(gauge("soc.model.calls.in-flight")).isEqualTo(5);
        answer.countDown();
        for (Future<String> call : calls) {
            assertThat(call.get(5, TimeUnit.SECONDS)).isEqualTo("answer");
        }
        assertThat(mostAtOnce.get()).isEqualTo(5);
        assertThat(gauge("soc.model.calls.in-flight")).isZero();
        assertThat(meters.get("soc.model.calls.wait").timer().count()).isEqualTo(12);
    }

    @Test
    void call_throttled_halvesTheLimitDownToOne() {
        ModelCallGate gate = gate(new ModelCallGate.Quota(8, 60_000, 100_000_000L), 0.0, Duration.ofSeconds(30));
        assertThat(gate.limit(AgentName.THREAT_CLASSIFIER, HAIKU)).isEqualTo(8);

        for (int expected : new int[] {4, 2, 1, 1}) {
            assertThatThrownBy(() -> gate.call(request(Severity.HIGH), HAIKU, 100, () -> {
                        throw new ModelInvocationException(ModelInvocationException.Kind.THROTTLED, "slow down", null);
                    }))
                    .isInstanceOf(ModelInvocationException.class);
            assertThat(gate.limit(AgentName.THREAT_CLASSIFIER, HAIKU)).isEqualTo(expected);
        }
        assertThat(meters.get("soc.model.calls.throttled").counter().count()).isEqualTo(4);
        // another failure is no sign of overload: the limit stays
        assertThatThrownBy(() -> gate.call(request(Severity.HIGH), HAIKU, 100, () -> {
                    throw new ModelInvocationException(ModelInvocationException.Kind.UNAVAILABLE, "down", null);
                }))
                .isInstanceOf(ModelInvocationException.class);
        assertThat(gate.limit(AgentName.THREAT_CLASSIFIER, HAIKU)).isEqualTo(1);
        // calls that succeed with the limit in use grow it back one at a time
        assertThat(gate.call(request(Severity.HIGH), HAIKU, 100, () -> "ok")).isEqualTo("ok");
        assertThat(gate.limit(AgentName.THREAT_CLASSIFIER, HAIKU)).isEqualTo(2);
        assertThat(gate.call(request(Severity.HIGH), HAIKU, 100, () -> "ok")).isEqualTo("ok");
        assertThat(gate.limit(AgentName.THREAT_CLASSIFIER, HAIKU)).isEqualTo(3);
    }

    @Test
    void call_critical_getsItsShareWhileRoutineCallsFillTheLimit() throws Exception {
        ModelCallGate gate = gate(GENEROUS, 0.2, Duration.ofSeconds(30));
        for (int i = 0; i < 6; i++) {
            callers.submit(() -> gate.call(request(Severity.MEDIUM), HAIKU, 100, this::slowAnswer));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> running.get() == 5);
        await().atMost(Duration.ofSeconds(5)).until(() -> gauge("soc.model.calls.waiting") == 1);

        // the sixth routine call waits; a CRITICAL one goes through at once
        assertThat(gate.call(request(Severity.CRITICAL), HAIKU, 100, () -> "critical answered"))
                .isEqualTo("critical answered");
        assertThat(gauge("soc.model.calls.waiting")).isEqualTo(1);
    }

    @Test
    void call_noPlaceWithinMaxWait_isOverQuotaAndNotMade() {
        ModelCallGate gate = gate(new ModelCallGate.Quota(1, 60_000, 100_000_000L), 0.0, Duration.ofMillis(200));
        callers.submit(() -> gate.call(request(Severity.HIGH), HAIKU, 100, this::slowAnswer));
        await().atMost(Duration.ofSeconds(5)).until(() -> running.get() == 1);
        AtomicInteger made = new AtomicInteger();

        assertThatThrownBy(() -> gate.call(request(Severity.HIGH), HAIKU, 100, made::incrementAndGet))
                .isInstanceOfSatisfying(
                        ModelInvocationException.class,
                        e -> assertThat(e.kind()).isEqualTo(ModelInvocationException.Kind.OVER_QUOTA));
        assertThat(made).hasValue(0);
        assertThat(meters.get("soc.model.calls.over-quota").counter().count()).isEqualTo(1);
    }

    @Test
    void call_requestsPerMinuteSpent_isOverQuotaAndFreesItsPlace() {
        // 60 a minute: one a second
        ModelCallGate gate = gate(new ModelCallGate.Quota(4, 60, 100_000_000L), 0.0, Duration.ofMillis(50));
        assertThat(gate.call(request(Severity.HIGH), HAIKU, 100, () -> "first")).isEqualTo("first");

        assertThatThrownBy(() -> gate.call(request(Severity.HIGH), HAIKU, 100, () -> "second"))
                .isInstanceOfSatisfying(
                        ModelInvocationException.class,
                        e -> assertThat(e.kind()).isEqualTo(ModelInvocationException.Kind.OVER_QUOTA));
        assertThat(gauge("soc.model.calls.in-flight")).isZero();
        // the other model has its own quota
        assertThat(gate.call(request(Severity.HIGH), ModelRouting.CLAUDE_35_SONNET, 100, () -> "sonnet"))
                .isEqualTo("sonnet");
    }

    @Test
    void call_tokensPerMinuteSpent_isOverQuota() {
        // 60,000 a minute: 10,000 per 10 s period
        ModelCallGate gate = gate(new ModelCallGate.Quota(4, 60_000, 60_000L), 0.0, Duration.ofMillis(100));
        assertThat(gate.call(request(Severity.HIGH), HAIKU, 9_000, () -> "first"))
                .isEqualTo("first");

        assertThatThrownBy(() -> gate.call(request(Severity.HIGH), HAIKU, 2_000, () -> "second"))
                .isInstanceOfSatisfying(
                        ModelInvocationException.class,
                        e -> assertThat(e.kind()).isEqualTo(ModelInvocationException.Kind.OVER_QUOTA));
    }

    @Test
    void call_agentsOwnConcurrency_isBelowTheModels() {
        ModelCallGate gate = new ModelCallGate(
                new ModelCallGate.Settings(
                        GENEROUS,
                        Map.of(),
                        Map.of(AgentName.THREAT_CLASSIFIER, 2),
                        0.0,
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(30)),
                meters);

        assertThat(gate.limit(AgentName.THREAT_CLASSIFIER, HAIKU)).isEqualTo(2);
        assertThat(gate.limit(AgentName.INVESTIGATION, HAIKU)).isEqualTo(5);
    }

    private String slowAnswer() {
        mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
        try {
            answer.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            running.decrementAndGet();
        }
        return "answer";
    }

    private ModelCallGate gate(ModelCallGate.Quota quota, double emergencyShare, Duration maxWait) {
        return new ModelCallGate(
                new ModelCallGate.Settings(quota, Map.of(), Map.of(), emergencyShare, maxWait, Duration.ofSeconds(30)),
                meters);
    }

    private double gauge(String name) {
        return meters.get(name).gauge().value();
    }

    private static ModelRequest request(Severity severity) {
        return new ModelRequest(
                AgentName.THREAT_CLASSIFIER, "inv-1", JSON.createObjectNode(), SampleAgentContract.schema(), severity);
    }
}
