package ai.socagent.agentruntime.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.socagent.agentruntime.SampleAgentContract;
import ai.socagent.domain.Severity;
import ai.socagent.domain.agent.AgentName;
import ai.socagent.observability.MetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The two tiers of {@link CachingModelPort} with test doubles of our own ports. */
class CachingModelPortTiersTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final AtomicLong nanos = new AtomicLong(1_000);
    private final AtomicInteger modelCalls = new AtomicInteger();
    private final ModelPort model = (request, offline) -> new ModelAnswer(
            JSON.createObjectNode().put("n", modelCalls.incrementAndGet()),
            "m",
            10,
            5,
            Duration.ofMillis(1),
            "req-" + modelCalls.get(),
            Optional.empty());

    /** A shared tier in a map that can be switched to failing. */
    private static final class FlakyShared implements SharedResponseCache {
        final Map<String, ModelAnswer> entries = new HashMap<>();
        final Map<String, Duration> ttls = new HashMap<>();
        final AtomicBoolean down = new AtomicBoolean();
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public Optional<ModelAnswer> get(String key) {
            calls.incrementAndGet();
            if (down.get()) {
                throw new IllegalStateException("redis timed out");
            }
            return Optional.ofNullable(entries.get(key));
        }

        @Override
        public void put(String key, ModelAnswer answer, Duration ttl) {
            calls.incrementAndGet();
            if (down.get()) {
                throw new IllegalStateException("redis timed out");
            }
            entries.put(key, answer);
            ttls.put(key, ttl);
        }
    }

    private CachingModelPort port(SharedResponseCache shared) {
        return new CachingModelPort(
                model, Duration.ofMinutes(10), 100, nanos::get, meters, shared, Duration.ofSeconds(5));
    }

    private static ModelRequest request(String title) {
        return new ModelRequest(
                AgentName.THREAT_CLASSIFIER,
                "inv-1",
                JSON.createObjectNode().put("title", title),
                SampleAgentContract.schema(),
                Severity.MEDIUM);
    }

    private double count(String tier, String result) {
        Counter counter = meters.find(MetricNames.CONTEXT_CACHE_HIT_RATE)
                .tag("tier", tier)
                .tag("result", result)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void modelAnswer_isWrittenToTheSharedTierWithTheCacheTtl() {
        FlakyShared shared = new FlakyShared();

        port(shared).answer(request("a"), r -> JSON.createObjectNode());

        assertThat(shared.entries).containsKey(CachingModelPort.key(request("a")));
        assertThat(shared.ttls).containsValue(Duration.ofMinutes(10));
        assertThat(count(CachingModelPort.TIER_L2, "miss")).isEqualTo(1);
    }

    @Test
    void sharedTierFailing_modelAnswersTierIsSkippedForTheRetryIntervalThenTriedAgain() {
        FlakyShared shared = new FlakyShared();
        CachingModelPort port = port(shared);
        shared.down.set(true);

        ModelAnswer first = port.answer(request("a"), r -> JSON.createObjectNode());
        port.answer(request("b"), r -> JSON.createObjectNode());
        int callsWhileSkipped = shared.calls.get();
        shared.down.set(false);
        nanos.addAndGet(Duration.ofSeconds(6).toNanos());
        port.answer(request("c"), r -> JSON.createObjectNode());

        assertThat(first.isFallback()).isFalse();
        assertThat(modelCalls).hasValue(3);
        assertThat(callsWhileSkipped).as("one failed read, then skipped").isEqualTo(1);
        assertThat(count(CachingModelPort.TIER_L2, "error")).isEqualTo(1);
        assertThat(count(CachingModelPort.TIER_L2, "bypass")).isEqualTo(1);
        assertThat(shared.entries).containsKey(CachingModelPort.key(request("c")));
    }

    @Test
    void fallbackStoredInTheSharedTier_isIgnored() {
        FlakyShared shared = new FlakyShared();
        shared.entries.put(
                CachingModelPort.key(request("a")),
                new ModelAnswer(
                        JSON.createObjectNode(),
                        ModelAnswer.OFFLINE_ENGINE,
                        0,
                        0,
                        Duration.ZERO,
                        "t",
                        Optional.of("offline")));

        ModelAnswer answer = port(shared).answer(request("a"), r -> JSON.createObjectNode());

        assertThat(answer.producedBy()).isEqualTo("m");
        assertThat(modelCalls).hasValue(1);
    }
}
