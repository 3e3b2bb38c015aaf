package ai.socagent.domain.agent;

import ai.socagent.domain.Preconditions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What one instance of an agent reports about itself, every few seconds (AgentContextTable): its
 * model calls and its queues as they stand. Operators and the dashboard read the latest report of each
 * instance; an instance whose report is old is down.
 *
 * @param agent the agent
 * @param instanceId the reporting process (one per JVM and agent; stable for its life)
 * @param startedAt when the instance started reporting
 * @param reportedAt when this report was made
 * @param reportEvery how often the instance reports
 * @param modelMode how the agent reasons: {@code offline}, {@code converse} or {@code agents}
 * @param models the agent's calls per model it called so far
 * @param queues the deliveries of the queues the agent consumes
 */
public record AgentStatus(
        AgentName agent,
        String instanceId,
        Instant startedAt,
        Instant reportedAt,
        Duration reportEvery,
        String modelMode,
        List<ModelCalls> models,
        List<QueueDeliveries> queues) {

    public AgentStatus {
        Preconditions.requireNonNull(agent, "agent");
        Preconditions.requireNonBlank(instanceId, "instanceId");
        Preconditions.requireNonNull(startedAt, "startedAt");
        Preconditions.requireNonNull(reportedAt, "reportedAt");
        Preconditions.requireNonNull(reportEvery, "reportEvery");
        if (reportEvery.isNegative() || reportEvery.isZero()) {
            throw new IllegalArgumentException("reportEvery must be positive, not " + reportEvery);
        }
        Preconditions.requireNonBlank(modelMode, "modelMode");
        models = Preconditions.copyList(models, "models");
        queues = Preconditions.copyList(queues, "queues");
    }

    /**
     * An agent's calls to one model in this instance.
     *
     * @param model the model id (or Bedrock agent alias)
     * @param inFlight calls under way
     * @param limit the adaptive concurrency limit now
     * @param waiting callers waiting for a place or a rate permit now
     * @param limiterWaits calls so far that had to wait for a place
     * @param throttled calls so far the provider throttled
     * @param overQuota calls so far that waited longer than allowed and were not made
     * @param breaker the state of the breaker the calls pass ({@code CLOSED}, {@code OPEN},
     *     {@code HALF_OPEN} ...); empty when there is none
     */
    public record ModelCalls(
            String model,
            int inFlight,
            int limit,
            int waiting,
            long limiterWaits,
            long throttled,
            long overQuota,
            Optional<String> breaker) {

        public ModelCalls {
            Preconditions.requireNonBlank(model, "model");
            if (inFlight < 0 || limit < 0 || waiting < 0 || limiterWaits < 0 || throttled < 0 || overQuota < 0) {
                throw new IllegalArgumentException("model call figures must not be negative");
            }
            breaker = Preconditions.optionalNonBlank(breaker, "breaker");
        }
    }

    /**
     * The deliveries of one queue the agent consumes, as far as this instance knows them (the
     * in-process bus knows all three; SQS consumers know none of them locally).
     *
     * @param queue the queue's logical name
     * @param waiting deliveries waiting in line; empty when unknown
     * @param running deliveries being handled; empty when unknown
     * @param deadLetters dead letters of the queue; empty when unknown
     */
    public record QueueDeliveries(
            String queue, Optional<Long> waiting, Optional<Long> running, Optional<Long> deadLetters) {

        public QueueDeliveries {
            Preconditions.requireNonBlank(queue, "queue");
            waiting = waiting == null ? Optional.empty() : waiting;
            running = running == null ? Optional.empty() : running;
            deadLetters = deadLetters == null ? Optional.empty() : deadLetters;
        }
    }
}
