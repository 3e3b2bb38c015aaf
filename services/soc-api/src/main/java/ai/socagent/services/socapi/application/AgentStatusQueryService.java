package ai.socagent.services.socapi.application;

import ai.socagent.domain.agent.AgentName;
import ai.socagent.services.socapi.application.port.in.QueryAgentsUseCase;
import ai.socagent.services.socapi.application.port.out.AgentStatusReadPort;
import ai.socagent.services.socapi.domain.AgentView;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Answers the agents' status from their reports in the shared store, judged by their age now; at
 * most {@link #MAX_INSTANCES} instances per agent are read (the newest-started), so an answer is
 * bounded however many instances came and went within the reports' TTL.
 */
public final class AgentStatusQueryService implements QueryAgentsUseCase {

    /** Cap on the instances read per agent. */
    public static final int MAX_INSTANCES = 50;

    private final AgentStatusReadPort reports;
    private final Clock clock;

    public AgentStatusQueryService(AgentStatusReadPort reports, Clock clock) {
        this.reports = Objects.requireNonNull(reports, "reports");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public List<AgentView> agents() {
        return Arrays.stream(AgentName.values()).map(this::view).toList();
    }

    @Override
    public Optional<AgentView> agent(String name) {
        return AgentName.fromDisplayName(name).map(this::view);
    }

    private AgentView view(AgentName agent) {
        return AgentView.of(agent, reports.latest(agent, MAX_INSTANCES), clock.instant());
    }
}
