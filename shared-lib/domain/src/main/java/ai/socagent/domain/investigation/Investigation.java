package ai.socagent.domain.investigation;

import ai.socagent.domain.NameBasedIds;
import ai.socagent.domain.Preconditions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The investigation of one threat. Immutable: {@link #transitionTo} returns a new instance.
 *
 * <p>Invariants: the history is a chain starting at OPEN whose last step ends at {@code status}
 * (an empty history means OPEN), steps are in time order between {@code openedAt} and {@code
 * updatedAt}.
 *
 * @param investigationId our id (UUID)
 * @param threatId the threat under investigation
 * @param correlationId the threat's correlation id
 * @param status the current status
 * @param openedAt when it was opened
 * @param updatedAt when it last changed
 * @param history every status change, oldest first
 */
public record Investigation(
        String investigationId,
        String threatId,
        String correlationId,
        InvestigationStatus status,
        Instant openedAt,
        Instant updatedAt,
        List<StatusChange> history) {

    public Investigation {
        Preconditions.requireUuid(investigationId, "investigationId");
        Preconditions.requireUuid(threatId, "threatId");
        Preconditions.requireNonBlank(correlationId, "correlationId");
        Preconditions.requireNonNull(status, "status");
        Preconditions.requireNonNull(openedAt, "openedAt");
        Preconditions.requireNonNull(updatedAt, "updatedAt");
        history = Preconditions.copyList(history, "history");
        if (updatedAt.isBefore(openedAt)) {
            throw new IllegalArgumentException("updatedAt " + updatedAt + " is before openedAt " + openedAt);
        }
        InvestigationStatus expectedFrom = InvestigationStatus.OPEN;
        Instant previous = openedAt;
        for (int i = 0; i < history.size(); i++) {
            StatusChange change = history.get(i);
            if (change.from() != expectedFrom) {
                throw new IllegalArgumentException("history[" + i + "] starts from " + change.from()
                        + " but the previous status was " + expectedFrom);
            }
            if (change.at().isBefore(previous)) {
                throw new IllegalArgumentException(
                        "history[" + i + "] at " + change.at() + " is earlier than " + previous);
            }
            expectedFrom = change.to();
            previous = change.at();
        }
        if (expectedFrom != status) {
            throw new IllegalArgumentException(
                    "status " + status + " does not match the history, which ends at " + expectedFrom);
        }
        if (updatedAt.isBefore(previous)) {
            throw new IllegalArgumentException(
                    "updatedAt " + updatedAt + " is before the last status change at " + previous);
        }
    }

    /** Namespace of {@link #idForThreat(String)}. */
    public static final UUID ID_NAMESPACE = UUID.fromString("3f6b8f0e-9a52-4d7c-b1e4-6c0d2a9e7f15");

    /**
     * The id of the investigation of a threat: a name-based (version 5) UUID of the threat id. A
     * threat has one investigation, so every agent, and the API, finds it from the threat id alone,
     * and a redelivered threat lands in the same investigation.
     */
    public static String idForThreat(String threatId) {
        Preconditions.requireUuid(threatId, "threatId");
        return NameBasedIds.uuidV5(ID_NAMESPACE, threatId);
    }

    /** A new OPEN investigation of a threat, with the id {@link #idForThreat(String)}. */
    public static Investigation open(String threatId, String correlationId, Instant openedAt) {
        return new Investigation(
                idForThreat(threatId),
                threatId,
                correlationId,
                InvestigationStatus.OPEN,
                openedAt,
                openedAt,
                List.of());
    }

    /**
     * This investigation moved to {@code next}, with the change recorded in the history.
     *
     * @throws InvalidStatusTransitionException when the lifecycle does not allow the move
     * @throws IllegalArgumentException when {@code at} is before the last update or reason is blank
     */
    public Investigation transitionTo(InvestigationStatus next, Instant at, String reason) {
        Preconditions.requireNonNull(next, "next");
        Preconditions.requireNonNull(at, "at");
        if (!status.canTransitionTo(next)) {
            throw new InvalidStatusTransitionException(status, next);
        }
        if (at.isBefore(updatedAt)) {
            throw new IllegalArgumentException("transition time " + at + " is before the last update at " + updatedAt);
        }
        List<StatusChange> newHistory = new ArrayList<>(history);
        newHistory.add(new StatusChange(status, next, at, reason));
        return new Investigation(investigationId, threatId, correlationId, next, openedAt, at, newHistory);
    }

    /** True once the investigation reached a terminal status. */
    public boolean isClosed() {
        return status.isTerminal();
    }
}
