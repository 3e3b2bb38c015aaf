package ai.socagent.agentruntime.budget;

import ai.socagent.domain.agent.AgentName;
import ai.socagent.observability.MetricNames;
import ai.socagent.observability.MetricTags;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Token budgets per UTC day and per investigation, kept in a {@link TokenLedger}: in memory for
 * one JVM, or shared by every instance of the fleet (Redis) so that they spend one day's budget and
 * one budget per investigation together. The day's counter expires after {@link #DAILY_TTL}, an
 * investigation's {@code investigationTtl} after its last model call.
 *
 * <p>Consumption is counted in {@code AI.Agent.TokenConsumption} (tags agent, model, direction). The
 * call that takes a budget past {@link #WARNING_THRESHOLD} logs a warning and counts {@code
 * AI.Agent.TokenConsumption.Warning} — once per budget across the fleet, as the ledger's increments
 * are atomic. When a budget is spent, {@link #exhaustion(String)} returns the reason and callers
 * switch to the offline engine.
 *
 * <p>A failing shared ledger never fails a call: the error is logged and counted ({@code
 * AI.Agent.TokenConsumption.LedgerError}) and this JVM's own counts, which are always kept as well,
 * decide until the ledger answers again.
 */
public final class TokenBudget {

    /** Share of a budget at which the warning is logged. */
    public static final double WARNING_THRESHOLD = 0.9;

    /** How long the day's counter lives in the ledger. */
    public static final Duration DAILY_TTL = Duration.ofDays(2);

    /** Default expiry of an investigation's counter after its last model call. */
    public static final Duration DEFAULT_INVESTIGATION_TTL = Duration.ofDays(30);

    private static final Logger LOG = LoggerFactory.getLogger(TokenBudget.class);

    private final long dailyLimit;
    private final long perInvestigationLimit;
    private final Duration investigationTtl;
    private final TokenLedger ledger;
    private final InMemoryTokenLedger local;
    private final Clock clock;
    private final MeterRegistry meters;

    /** Budgets kept in this JVM's memory. */
    public TokenBudget(long dailyLimit, long perInvestigationLimit, Clock clock, MeterRegistry meters) {
        this(dailyLimit, perInvestigationLimit, DEFAULT_INVESTIGATION_TTL, null, clock, meters);
    }

    /**
     * Budgets kept in {@code ledger} (a shared one for a fleet); {@code null} keeps them in memory.
     *
     * @param investigationTtl how long an investigation's counter lives after its last model call
     */
    public TokenBudget(
            long dailyLimit,
            long perInvestigationLimit,
            Duration investigationTtl,
            TokenLedger ledger,
            Clock clock,
            MeterRegistry meters) {
        if (dailyLimit <= 0 || perInvestigationLimit <= 0) {
            throw new IllegalArgumentException("token budgets must be positive");
        }
        Objects.requireNonNull(investigationTtl, "investigationTtl");
        if (investigationTtl.isNegative() || investigationTtl.isZero()) {
            throw new IllegalArgumentException("investigationTtl must be positive");
        }
        this.dailyLimit = dailyLimit;
        this.perInvestigationLimit = perInvestigationLimit;
        this.investigationTtl = investigationTtl;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.meters = Objects.requireNonNull(meters, "meters");
        this.local = new InMemoryTokenLedger(clock);
        this.ledger = ledger == null ? local : ledger;
    }

    /** Why no more model calls may be made for this investigation, or empty while budget remains. */
    public Optional<String> exhaustion(String sessionId) {
        long today = read(dailyKey(today()));
        if (today >= dailyLimit) {
            return Optional.of("daily token budget exhausted (" + today + " of " + dailyLimit + " tokens)");
        }
        long spent = read(investigationKey(sessionId));
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
        if (total <= 0) {
            return;
        }
        long dayTotal = add(dailyKey(today()), total, DAILY_TTL);
        long sessionTotal = add(investigationKey(sessionId), total, investigationTtl);
        warnOnCrossing("daily", dayTotal - total, dayTotal, dailyLimit);
        warnOnCrossing("investigation " + sessionId, sessionTotal - total, sessionTotal, perInvestigationLimit);
    }

    /** Tokens spent today (UTC), by every instance sharing the ledger. */
    public long spentToday() {
        return read(dailyKey(today()));
    }

    /** Tokens spent by one investigation, by every instance sharing the ledger. */
    public long spentBy(String sessionId) {
        return read(investigationKey(sessionId));
    }

    static String dailyKey(LocalDate day) {
        return "daily:" + day;
    }

    static String investigationKey(String sessionId) {
        return "investigation:" + sessionId;
    }

    private long add(String key, long tokens, Duration ttl) {
        if (ledger == local) {
            return local.add(key, tokens, ttl);
        }
        long own = local.add(key, tokens, ttl);
        try {
            return ledger.add(key, tokens, ttl);
        } catch (RuntimeException e) {
            ledgerFailed("add to", key, e);
            return own;
        }
    }

    private long read(String key) {
        if (ledger == local) {
            return local.get(key);
        }
        try {
            return ledger.get(key);
        } catch (RuntimeException e) {
            ledgerFailed("read", key, e);
            return local.get(key);
        }
    }

    private void ledgerFailed(String operation, String key, RuntimeException e) {
        LOG.warn("Token ledger failed to {} {}, this instance's own count is used: {}", operation, key, e.toString());
        meters.counter(MetricNames.AGENT_TOKEN_CONSUMPTION + ".LedgerError", MetricTags.RESULT, "error")
                .increment();
    }

    /** Warns on the one increment that takes a budget from below the threshold to at or above it. */
    private void warnOnCrossing(String label, long before, long after, long limit) {
        double threshold = WARNING_THRESHOLD * limit;
        if (before < threshold && after >= threshold) {
            LOG.warn(
                    "Token budget warning: {} budget at {} of {} tokens ({}%)",
                    label, after, limit, after * 100 / limit);
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
