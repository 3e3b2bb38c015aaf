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
}
