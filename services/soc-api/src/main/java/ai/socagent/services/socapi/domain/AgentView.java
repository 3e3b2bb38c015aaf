package ai.socagent.services.socapi.domain;

import ai.socagent.domain.agent.AgentName;
import ai.socagent.domain.agent.AgentStatus;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An agent as operators see it: its instances' latest reports, each with its health, and the
 * agent's health (its best instance's; down without instances).
 */
public record AgentView(AgentName agent, AgentHealth health, List<Instance> instances) {

    public AgentView {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(health, "health");
        instances = List.copyOf(instances);
    }

    /** One instance's latest report and its health. */
    public record Instance(AgentStatus status, AgentHealth health) {

        public Instance {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(health, "health");
        }
    }

    /** The view of {@code agent} from its instances' latest reports, judged at {@code now}. */
    public static AgentView of(AgentName agent, List<AgentStatus> reports, Instant now) {
        List<Instance> instances = reports.stream()
                .map(report -> new Instance(report, AgentHealth.of(report, now)))
                .toList();
        AgentHealth health = instances.stream().map(Instance::health).reduce(AgentHealth.DOWN, AgentHealth::orBetter);
        return new AgentView(agent, health, instances);
    }
}
