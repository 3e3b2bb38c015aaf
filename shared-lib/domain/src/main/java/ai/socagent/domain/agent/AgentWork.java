package ai.socagent.domain.agent;

import ai.socagent.domain.Preconditions;
import java.time.Instant;
import java.util.Optional;

/**
 * One piece of work an agent did in its session of an investigation (AgentContextTable): what, by
 * which engine, and why not by a model.
 *
 * @param agent the agent
 * @param investigationId the investigation (the agent's session)
 * @param task what was done ({@code classification} ...)
 * @param producedBy the model id, or the offline engine's name
 * @param fallbackReason why the offline engine did it; empty when a model did
 * @param completedAt when it was done
 */
public record AgentWork(
        AgentName agent,
        String investigationId,
        String task,
        String producedBy,
        Optional<String> fallbackReason,
        Instant completedAt) {

    public AgentWork {
        Preconditions.requireNonNull(agent, "agent");
        Preconditions.requireUuid(investigationId, "investigationId");
        Preconditions.requireNonBlank(task, "task");
        Preconditions.requireNonBlank(producedBy, "producedBy");
        fallbackReason = fallbackReason == null ? Optional.empty() : fallbackReason.filter(r -> !r.isBlank());
        Preconditions.requireNonNull(completedAt, "completedAt");
    }
}
