package ai.socagent.services.socapi.application;

import static org.assertj.core.api.Assertions.assertThat;

import ai.socagent.domain.agent.AgentName;
import ai.socagent.domain.agent.AgentStatus;
import ai.socagent.services.socapi.application.port.out.AgentStatusReadPort;
import ai.socagent.services.socapi.domain.AgentHealth;
import ai.socagent.services.socapi.domain.AgentView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AgentStatusQueryServiceTest {

    private static final Instant T0 = Instant.parse("2026-12-03T12:00:00Z");

    /** The reports as a store keeps them: the latest per instance. */
    private final List<AgentStatus> kept = new ArrayList<>();

    private final AgentStatusReadPort reports = (agent, limit) ->
            kept.stream().filter(status -> status.agent() == agent).limit(limit).toList();

    private Instant now = T0;
    private final Clock clock = new Clock() {
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
    };

    private final AgentStatusQueryService service = new AgentStatusQueryService(reports, clock);

    @Test
    void anInstanceThatStopsReporting_turnsDegradedThenDown() {
        kept.add(report(T0, "CLOSED"));
        assertThat(health()).isEqualTo(AgentHealth.UP);

        now = T0.plusSeconds(10); // two intervals: on time
        assertThat(health()).isEqualTo(AgentHealth.UP);
        now = T0.plusSeconds(11);
        assertThat(health()).isEqualTo(AgentHealth.DEGRADED);
        now = T0.plusSeconds(30);
        assertThat(health()).isEqualTo(AgentHealth.DEGRADED);
        now = T0.plusSeconds(31);
        assertThat(health()).isEqualTo(AgentHealth.DOWN);
        assertThat(service.agent("ThreatClassifier").orElseThrow().health()).isEqualTo(AgentHealth.DOWN);
    }

    @Test
    void anOpenBreaker_degradesAnInstanceOnTime() {
        kept.add(report(T0, "OPEN"));

        assertThat(health()).isEqualTo(AgentHealth.DEGRADED);
    }

    @Test
    void agents_areTheFiveInPipelineOrder_downWithoutInstances_upWithOneInstanceUp() {
        kept.add(report(T0.minusSeconds(3600), "CLOSED"));
        kept.add(report(T0, "CLOSED"));

        assertThat(service.agents())
                .extracting(AgentView::agent, AgentView::health)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(AgentName.THREAT_CLASSIFIER, AgentHealth.UP),
                        org.assertj.core.groups.Tuple.tuple(AgentName.THREAT_INTELLIGENCE, AgentHealth.DOWN),
                        org.assertj.core.groups.Tuple.tuple(AgentName.INVESTIGATION, AgentHealth.DOWN),
                        org.assertj.core.groups.Tuple.tuple(AgentName.ROOT_CAUSE_ANALYSIS, AgentHealth.DOWN),
                        org.assertj.core.groups.Tuple.tuple(AgentName.RESPONSE_ORCHESTRATION, AgentHealth.DOWN));
        assertThat(service.agents().getFirst().instances())
                .extracting(AgentView.Instance::health)
                .containsExactly(AgentHealth.DOWN, AgentHealth.UP);
        assertThat(service.agent("threatclassifier")).isEmpty();
    }

    private AgentHealth health() {
        return service.agent("ThreatClassifier")
                .orElseThrow()
                .instances()
                .getFirst()
                .health();
    }

    private static AgentStatus report(Instant at, String breaker) {
        return new AgentStatus(
                AgentName.THREAT_CLASSIFIER,
                "i-" + at.getEpochSecond(),
                at.minusSeconds(60),
                at,
                Duration.ofSeconds(5),
                "converse",
                List.of(new AgentStatus.ModelCalls("model-a", 1, 16, 0, 0, 0, 0, Optional.of(breaker))),
                List.of());
    }
}
