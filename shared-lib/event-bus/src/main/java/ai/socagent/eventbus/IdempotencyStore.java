package ai.socagent.eventbus;

import java.time.Duration;

/**
 * Records which events a consumer has handled, so a redelivered event has no effect twice.
 *
 * <p>A claim has two phases, so that a consumer that dies while its handler runs loses nothing: the
 * {@link #claim} holds the event id for a short lease while the handler runs (a conditional write:
 * exactly one caller claims an id), {@link #complete} then keeps it for the long TTL once the handler
 * has succeeded. A claim whose holder died runs out with its lease and the redelivered event is
 * handled; only a completed claim makes a redelivery a duplicate.
 */
public interface IdempotencyStore {

    /** What a {@link #claim} found. */
    enum Claim {
        /** This call holds the event id now: handle it, then complete or release the claim. */
        CLAIMED,
        /** The event was handled before: a redelivery, to be acknowledged without effect. */
        HANDLED,
        /**
         * Another delivery holds an unexpired lease: its handler runs, or it died and the lease has
         * not run out yet. Deliver again later; never acknowledge.
         */
        IN_PROGRESS
    }

    /** Claims {@code eventId} for {@code consumer} while its handler runs, for at most {@code lease}. */
    Claim claim(String consumer, String eventId, Duration lease);

    /** The handler succeeded: keeps the claim for {@code ttl}, so later deliveries are duplicates. */
    void complete(String consumer, String eventId, Duration ttl);

    /** Gives up a claim whose effects were not committed, so a retry can claim it again. */
    void release(String consumer, String eventId);
}
