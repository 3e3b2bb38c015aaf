package ai.socagent.eventbus.inprocess;

import ai.socagent.eventbus.IdempotencyStore;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Where the in-process bus keeps its deliveries, dead letters and idempotency claims: in memory
 * ({@link MemoryDeliveryStore}, gone with the process) or in a journal ({@link DeliveryJournal}, a RocksDB
 * database, kept across restarts). The bus is the same on both.
 *
 * <p>A delivery is one event on its way to one queue (or topic). It is {@link #append appended} before
 * {@code publish} returns and leaves the store once its handler succeeded ({@link #handled}), it was
 * dead-lettered ({@link #deadLettered}: it stays, as a dead letter) or dropped ({@link #dropped}).
 */
interface DeliveryStore extends AutoCloseable {

    /** A delivery to keep: the target queue, the EventBridge event, the failed attempts so far. */
    record Delivery(String queue, String eventJson, int failedAttempts) {}

    /** A kept delivery and its id. */
    record Stored(long id, Delivery delivery) {}

    /** A dead letter moved back to its queue, and the id of its new delivery. */
    record Redriven(DeadLetter letter, long id) {}

    /** Keeps {@code deliveries}; returns once they are as durable as this store makes anything. */
    long[] append(List<Delivery> deliveries);

    /** Ids below this were appended before this store was opened (by an earlier process). */
    long firstIdOfThisRun();

    /** Each kept delivery with an id below {@code belowId}, oldest first. */
    void replay(long belowId, Consumer<Stored> each);

    /**
     * Delivery {@code id} is done: its handler took it, so the claim of {@code deduplicationId} by
     * {@code queue} is kept for {@code ttl}; null {@code deduplicationId} when it was a duplicate.
     */
    void handled(long id, String queue, String deduplicationId, Duration ttl);

    /** Delivery {@code id} failed for the {@code failedAttempts}-th time and will be retried. */
    void attempted(long id, int failedAttempts);

    /** Delivery {@code id} becomes {@code letter}, a dead letter of its queue. */
    void deadLettered(long id, DeadLetter letter);

    /** Delivery {@code id} goes nowhere (no subscriber): forgotten. */
    void dropped(long id);

    /**
     * The bus shut down before delivery {@code id} ran: the memory store dead-letters it as {@code
     * letter} (it would be lost otherwise), the journal keeps it for the next start.
     */
    void abandoned(long id, DeadLetter letter);

    /** The dead letters of {@code queue}, oldest first. */
    List<DeadLetter> deadLetters(String queue);

    /**
     * Takes the dead letters of {@code queue} that {@code which} selects and appends each as a new
     * delivery to {@code queue}, once however many callers race.
     */
    List<Redriven> redrive(String queue, Predicate<DeadLetter> which);

    /** The idempotency claims of the bus's consumers. */
    IdempotencyStore claims();

    @Override
    void close();
}
