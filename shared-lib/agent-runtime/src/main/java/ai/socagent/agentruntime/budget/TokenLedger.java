package ai.socagent.agentruntime.budget;

import java.time.Duration;

/**
 * Where {@link TokenBudget} keeps its counters: in memory for one JVM ({@link InMemoryTokenLedger})
 * or shared by the whole fleet (the Redis adapter, INCRBY + EXPIRE). Counters are keyed by the
 * budget ({@code daily:2026-11-26}, {@code investigation:<id>}) and expire.
 */
public interface TokenLedger {

    /**
     * Adds {@code tokens} to the counter at {@code key} and (re)sets its expiry to {@code ttl}.
     *
     * @return the counter's new value, everything every instance added included
     */
    long add(String key, long tokens, Duration ttl);

    /** The counter at {@code key}; 0 when it does not exist or has expired. */
    long get(String key);
}
