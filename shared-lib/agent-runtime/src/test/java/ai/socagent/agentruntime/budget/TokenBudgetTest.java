package ai.socagent.agentruntime.budget;

import static org.assertj.core.api.Assertions.assertThat;

import ai.socagent.domain.agent.AgentName;
import ai.socagent.observability.MetricNames;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TokenBudgetTest {

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2025-06-01T23:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final MutableClock clock = new MutableClock();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final TokenBudget budget = new TokenBudget(1_000, 400, clock, meters);

    @Test
    void record_tokens_countsTokenConsumptionByAgentModelAndDirection() {
        budget.record(AgentName.INVESTIGATION, "inv-1", "sonnet", 120, 30);

        assertThat(meters.get(MetricNames.AGENT_TOKEN_CONSUMPTION)
                        .tag("agent", "Investigation")
                        .tag("model", "sonnet")
                        .tag("direction", "input")
                        .counter()
                        .count())
                .isEqualTo(120);
        assertThat(meters.get(MetricNames.AGENT_TOKEN_CONSUMPTION)
                        .tag("direction", "output")
                        .counter()
                        .count())
                .isEqualTo(30);
        assertThat(budget.spentBy("inv-1")).isEqualTo(150);
        assertThat(budget.spentToday()).isEqualTo(150);
    }

    @Test
    void record_reaching90Percent_warnsOncePerBudget() {
        budget.record(AgentName.THREAT_CLASSIFIER, "inv-1", "haiku", 300, 50);
        budget.record(AgentName.THREAT_CLASSIFIER, "inv-1", "haiku", 10, 0);
        budget.record(AgentName.THREAT_CLASSIFIER, "inv-1", "haiku", 10, 0);

        assertThat(meters.get(MetricNames.AGENT_TOKEN_CONSUMPTION + ".Warning")
                        .tag("result", "investigation")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(budget.exhaustion("inv-1")).isEmpty();
    }

    @Test
    void exhaustion_investigationSpent_namesTheInvestigationBudget() {
        budget.record(AgentName.THREAT_CLASSIFIER, "inv-1", "haiku", 400, 0);

        assertThat(budget.exhaustion("inv-1")).hasValue("investigation token budget exhausted (400 of 400 tokens)");
        assertThat(budget.exhaustion("inv-2")).isEmpty();
    }

    @Test
    void exhaustion_daySpent_blocksEveryInvestigationUntilNextUtcDay() {
        budget.record(AgentName.THREAT_CLASSIFIER, "inv-1", "haiku", 350, 0);
        budget.record(AgentName.THREAT_CLASSIFIER, "inv-2", "haiku", 350, 0);
        budget.record(AgentName.THREAT_CLASSIFIER, "inv-3", "haiku", 300, 0);

        assertThat(budget.exhaustion("inv-4")).hasValue("daily token budget exhausted (1000 of 1000 tokens)");

        clock.now = clock.now.plus(Duration.ofHours(2));

        assertThat(budget.exhaustion("inv-4")).isEmpty();
        assertThat(budget.spentToday()).isZero();
    }

    @Test
    void sharedLedger_twoBudgets_spendOneBudgetAndWarnOnce() {
        InMemoryTokenLedger shared = new InMemoryTokenLedger(clock);
        TokenBudget first = new TokenBudget(1_000, 400, Duration.ofDays(30), shared, clock, meters);
        TokenBudget second = new TokenBudget(1_000, 400, Duration.ofDays(30), shared, clock, meters);

        first.record(AgentName.THREAT_CLASSIFIER, "inv-1", "haiku", 200, 0);
        second.record(AgentName.THREAT_CLASSIFIER, "inv-1", "haiku", 170, 0);
        first.record(AgentName.THREAT_CLASSIFIER, "inv-1", "haiku", 30, 0);

        assertThat(first.exhaustion("inv-1")).hasValue("investigation token budget exhausted (400 of 400 tokens)");
        assertThat(second.exhaustion("inv-1")).hasValue("investigation token budget exhausted (400 of 400 tokens)");
        assertThat(meters.get(MetricNames.AGENT_TOKEN_CONSUMPTION + ".Warning")
                        .tag("result", "investigation")
                        .counter()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void failingLedger_neverFailsAndThisInstancesOwnCountsDecide() {
        TokenLedger broken = new TokenLedger() {
            @Override
            public long add(String key, long tokens, Duration ttl) {
                throw new IllegalStateException("ledger down");
            }

            @Override
            public long get(String key) {
                throw new IllegalStateException("ledger down");
            }
        };
        TokenBudget budget = new TokenBudget(1_000, 400, Duration.ofDays(30), broken, clock, meters);

        budget.record(AgentName.THREAT_CLASSIFIER, "inv-1", "haiku", 400, 0);

        assertThat(budget.exhaustion("inv-1")).hasValue("investigation token budget exhausted (400 of 400 tokens)");
        assertThat(budget.spentToday()).isEqualTo(400);
        assertThat(meters.get(MetricNames.AGENT_TOKEN_CONSUMPTION + ".LedgerError")
                        .counter()
                        .count())
                .isGreaterThanOrEqualTo(3);
    }

    @Test
    void inMemoryLedger_counterPastItsTtl_readsZeroAndStartsAgain() {
        InMemoryTokenLedger ledger = new InMemoryTokenLedger(clock);

        assertThat(ledger.add("investigation:inv-1", 10, Duration.ofHours(1))).isEqualTo(10);
        assertThat(ledger.add("investigation:inv-1", 5, Duration.ofHours(1))).isEqualTo(15);
        clock.now = clock.now.plus(Duration.ofMinutes(61));

        assertThat(ledger.get("investigation:inv-1")).isZero();
        assertThat(ledger.add("investigation:inv-1", 7, Duration.ofHours(1))).isEqualTo(7);
    }
}
