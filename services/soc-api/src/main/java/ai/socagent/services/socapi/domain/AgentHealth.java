package ai.socagent.services.socapi.domain;

import ai.socagent.domain.agent.AgentStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How an agent instance stands, judged from its latest report: {@link #UP} while it reports on time
 * (at most two intervals old) and no model breaker is open, {@link #DEGRADED} when a report is late
 * (up to six intervals) or a breaker is open, {@link #DOWN} after that.
 */
public enum AgentHealth {
    UP,
    DEGRADED,
    DOWN;

    /** Reports this many intervals old are on time. */
    public static final int ON_TIME_INTERVALS = 2;

    /** Reports older than this many intervals come from an instance that is down. */
    public static final int DOWN_AFTER_INTERVALS = 6;

    /** The health of the instance that made {@code status}, at {@code now}. */
    public static AgentHealth of(AgentStatus status, Instant now) {
        Objects.requireNonNull(status, "status");
        Duration age = Duration.between(status.reportedAt(), now);
        if (age.compareTo(status.reportEvery().multipliedBy(DOWN_AFTER_INTERVALS)) > 0) {
            return DOWN;
        }
        boolean breakerOpen = status.models().stream()
                .anyMatch(model -> model.breaker()
                        .filter(state -> !state.equals("CLOSED") && !state.equals("DISABLED"))
                        .isPresent());
        if (breakerOpen || age.compareTo(status.reportEvery().multipliedBy(ON_TIME_INTERVALS)) > 0) {
            return DEGRADED;
        }
        return UP;
    }

    /** An agent is as well as its best instance; without instances it is down. */
    public AgentHealth orBetter(AgentHealth other) {
        return ordinal() <= other.ordinal() ? this : other;
    }
}
