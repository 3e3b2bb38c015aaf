package ai.socagent.services.threatclassifier.application;

import ai.socagent.domain.agent.AgentName;
import ai.socagent.domain.agent.AgentStatus;
import ai.socagent.services.threatclassifier.application.port.in.ReportAgentStatusUseCase;
import ai.socagent.services.threatclassifier.application.port.out.AgentStatusPort;
import ai.socagent.services.threatclassifier.application.port.out.ModelCallsPort;
import ai.socagent.services.threatclassifier.application.port.out.QueueDeliveriesPort;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The classifier's status report: the model calls of the agent runtime and the deliveries of its
 * queues, as they are when it reports, kept through {@link AgentStatusPort}. Thread-safe.
 */
public final class ReportAgentStatusService implements ReportAgentStatusUseCase {

    private final AgentName agent;
    private final List<String> queues;
    private final String instanceId;
    private final Duration reportEvery;
    private final Clock clock;
    private final ModelCallsPort models;
    private final QueueDeliveriesPort deliveries;
    private final AgentStatusPort statuses;
    private final Instant startedAt;

    /**
     * @param queues the queues the agent consumes
     * @param instanceId this process's name for itself, stable for its life
     * @param reportEvery how often the instance reports (told to the readers, who judge its age by it)
     */
    public ReportAgentStatusService(
            AgentName agent,
            List<String> queues,
            String instanceId,
            Duration reportEvery,
            Clock clock,
            ModelCallsPort models,
            QueueDeliveriesPort deliveries,
            AgentStatusPort statuses) {
        this.agent = Objects.requireNonNull(agent, "agent");
        this.queues = List.copyOf(queues);
        this.instanceId = Objects.requireNonNull(instanceId, "instanceId");
        this.reportEvery = Objects.requireNonNull(reportEvery, "reportEvery");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.models = Objects.requireNonNull(models, "models");
        this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
        this.statuses = Objects.requireNonNull(statuses, "statuses");
        this.startedAt = clock.instant();
    }

    @Override
    public AgentStatus report() {
        AgentStatus status = new AgentStatus(
                agent,
                instanceId,
                startedAt,
                clock.instant(),
                reportEvery,
                models.mode(),
                models.models(agent),
                queues.stream().map(deliveries::of).toList());
        statuses.publish(status);
        return status;
    }
}
