package ai.socagent.eventbus;

import java.time.Duration;

/**
 * Records which events a consumer has handled, so a redelivered event has no effect twice. The
 * record is a conditional write: exactly one caller claims an id.
 */
public interface IdempotencyStore {

    /**
     * Claims {@code eventId} for {@code consumer} for {@code ttl}.
     *
     * @return true when this call claimed it, false when it was claimed before (a redelivery)
     */
    boolean claim(String consumer, String eventId, Duration ttl);

    /** Gives up a claim whose effects were not committed, so a retry can claim it again. */
    void release(String consumer, String eventId);
}
