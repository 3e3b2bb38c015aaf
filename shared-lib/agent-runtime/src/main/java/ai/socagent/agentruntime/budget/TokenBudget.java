package ai.socagent.agentruntime.budget;

import ai.socagent.domain.agent.AgentName;
import ai.socagent.observability.MetricNames;
import ai.socagent.observability.MetricTags;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Token budgets per UTC day (the whole fleet in this JVM) and per investigation, kept in memory.
 * Consumption is counted in {@code AI.Agent.TokenConsumption} (tags agent, model, direction). At
 * {@link #WARNING_THRESHOLD} of a budget a warning is logged once per budget; when a budget is
 * spent, {@link #exhaustion(String)} returns the reason and callers switch to the offline engine.
 */
public final class TokenBudget {

    /** Share of a budget at which the warning is logged. */
    public static final double WARNING_THRESHOLD = 0.9;

    private static final Logger LOG = LoggerFactory.getLogger(TokenBudget.class);

    private final long dailyLimit;
    private final long perInvestigationLimit;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Map<LocalDate, Long> daily = new ConcurrentHashMap<>();
    private final Map<String, Long> perInvestigation = new ConcurrentHashMap<>();
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    public TokenBudget(long dailyLimit, long perInvestigationLimit, Clock clock, MeterRegistry meters) {
        if (dailyLimit <= 0 || perInvestigationLimit <= 0) {
            throw new IllegalArgumentException("token budgets must be positive");
        }
        this.dailyLimit = dailyLimit;
        this.perInvestigationLimit = perInvestigationLimit;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.meters = Objects.requireNonNull(meters, "meters");
    }

    /** Why no more model calls may be made for this investigation, or empty while budget remains. */
    public Optional<String> exhaustion(String sessionId) {
        long today = daily.getOrDefault(today(), 0L);
        if (today >= dailyLimit) {
            return Optional.of("daily token budget exhausted (" + today + " of " + dailyLimit + " tokens)");
        }
        long spent = perInvestigation.getOrDefault(sessionId, 0L);
        if (spent >= perInvestigationLimit) {
            return Optional.of(
                    "investigation token budget exhausted (" + spent + " of " + perInvestigationLimit + " tokens)");
        }
        return Optional.empty();
    }

    /** Records what one model call consumed. */
    public void record(AgentName agent, String sessionId, String model, long inputTokens, long outputTokens) {
        counter(agent, model, "input").increment(inputTokens);
        counter(agent, model, "output").increment(outputTokens);
        long total = inputTokens + outputTokens;
        LocalDate day = today();
        long dayTotal = daily.merge(day, total, Long::sum);
        long sessionTotal = perInvestigation.merge(sessionId, total, Long::sum);
        warnIfNear("daily:" + day, "daily", dayTotal, dailyLimit);
        warnIfNear("investigation:" + sessionId, "investigation " + sessionId, sessionTotal, perInvestigationLimit);
    }

    /** Tokens spent today (UTC). */
    public long spentToday() {
        return daily.getOrDefault(today(), 0L);
    }

    /** Tokens spent by one investigation. */
    public long spentBy(String sessionId) {
        return perInvestigation.getOrDefault(sessionId, 0L);
    }

    private void warnIfNear(String key, String label, long spent, long limit) {
        if (spent >= WARNING_THRESHOLD * limit && warned.add(key)) {
            LOG.warn(
                    "Token budget warning: {} budget at {} of {} tokens ({}%)",
                    label, spent, limit, spent * 100 / limit);
            meters.counter(MetricNames.AGENT_TOKEN_CONSUMPTION + ".Warning", MetricTags.RESULT, label.split(" ")[0])
                    .increment();
        }
    }

    private Counter counter(AgentName agent, String model, String direction) {
        return meters.counter(
                MetricNames.AGENT_TOKEN_CONSUMPTION,
                MetricTags.AGENT,
                agent.displayName(),
                MetricTags.MODEL,
                model,
                MetricTags.DIRECTION,
                direction);
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
