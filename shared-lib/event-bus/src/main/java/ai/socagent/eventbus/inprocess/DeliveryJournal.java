package ai.socagent.eventbus.inprocess;

import ai.socagent.eventbus.IdempotencyStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.LongDataType;
import org.h2.mvstore.type.StringDataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process bus's deliveries, dead letters and idempotency claims in one MVStore file ({@value
 * #FILE_NAME} in the journal directory), so that an event whose {@code publish} returned is delivered
 * even if the process is killed, the dead-letter queues and their redrive outlive restarts, and an event
 * whose handler completed is not handled again after one.
 *
 * <p>Group commit: one writer thread applies every change and commits (the only thread that writes
 * the file: MVStore writes through an interruptible channel, and an interrupted publisher committing
 * for itself would close it for everyone); a publisher hands its
 * deliveries over and waits for the commit that contains them, so concurrent publishers share commits
 * (one MVStore commit costs about 0.15 ms here, whatever it holds). Changes that need no waiting
 * (a delivery handled, failed, dead-lettered) ride along with the next commit, at most {@value
 * #LAZY_COMMIT_MILLIS} ms later. Without {@code fsync}
 * a commit has reached the operating system when {@code publish} returns, which survives the process
 * being killed but not the machine losing power; with it, every commit is also forced to the disk
 * (about 2 ms here, which caps throughput at a few hundred commits a second).
 *
 * <p>Crash consistency without transactions: MVStore's background writer may commit between two
 * changes of one step, so each step writes its new state before it removes the old (a claim before the
 * delivery it completes, a dead letter before the delivery it replaces, a redriven delivery before its
 * dead letter). A crash in between leaves both, never neither: at worst an event is offered again and
 * its claim drops it.
 *
 * <p>Claims: a claim is held in memory while its handler runs and written to the file (with its expiry)
 * in the same commit that removes the delivery; a crash mid-handler thus leaves no claim and the
 * delivery is replayed. Expired claims are pruned every {@value #PRUNE_SECONDS} s.
 */
final class DeliveryJournal implements DeliveryStore {

    static final String FILE_NAME = "journal.mv";

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryJournal.class);
    private static final long PRUNE_SECONDS = 10;
    private static final int PRUNE_BATCH = 10_000;
    private static final long LAZY_COMMIT_MILLIS = 20;

    private final Path file;
    private final MVStore store;
    private final MVMap<Long, Delivery> deliveries;
    private final MVMap<Long, DeadLetter> deadLetters;
    private final MVMap<String, Long> claimExpiries;
    private final MVMap<Long, String> claimOrder;
    private final Map<String, Boolean> activeClaims = new ConcurrentHashMap<>();
    private final BlockingQueue<Change> changes = new LinkedBlockingQueue<>();
    private final boolean fsync;
    private final Clock clock;
    private final long firstIdOfThisRun;
    private final Thread writer;
    private final IdempotencyStore claims;
    private long nextId;
    private long nextDeadLetterKey;
    private long nextClaimKey;
    private long lastPrune;
    private volatile boolean closed;
    private volatile BiConsumer<String, String> handledListener;

    private DeliveryJournal(Path directory, boolean fsync, IdempotencyStore idempotency, Clock clock) {
        this.file = directory.resolve(FILE_NAME);
        this.claims = idempotency != null ? idempotency : new JournalClaims();
        this.fsync = fsync;
        this.clock = clock;
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the event bus journal directory " + directory, e);
        }
        try {
            this.store = new MVStore.Builder()
                    .fileName(file.toString())
                    // Small pages: a commit rewrites the pages it touched, and deliveries are appended
                    // and removed one or two at a time (measured: 140 us a commit at 4 KB, 163 at 16 KB).
                    .pageSplitSize(4096)
                    .open();
        } catch (MVStoreException e) {
            throw new IllegalStateException(
                    "cannot open the event bus journal " + file + " (in use by another process or bus?): "
                            + e.getMessage(),
                    e);
        }
        store.setVersionsToKeep(0);
        if (!fsync) {
            // Nothing is forced to disk anyway, so keeping old chunks for the disk's write cache (45 s by
            // default) buys nothing; at thousands of commits a second it would grow the file by GBs.
            store.setRetentionTime(0);
        }
        this.deliveries = store.openMap(
                "deliveries",
                new MVMap.Builder<Long, Delivery>()
                        .keyType(LongDataType.INSTANCE)
                        .valueType(new DeliveryType()));
        this.deadLetters = store.openMap(
                "dead-letters",
                new MVMap.Builder<Long, DeadLetter>()
                        .keyType(LongDataType.INSTANCE)
                        .valueType(new DeadLetterType()));
        this.claimExpiries = store.openMap(
                "claims",
                new MVMap.Builder<String, Long>()
                        .keyType(StringDataType.INSTANCE)
                        .valueType(LongDataType.INSTANCE));
        this.claimOrder = store.openMap(
                "claim-order",
                new MVMap.Builder<Long, String>().keyType(LongDataType.INSTANCE).valueType(StringDataType.INSTANCE));
        this.nextId = next(deliveries);
        this.firstIdOfThisRun = nextId;
        this.nextDeadLetterKey = next(deadLetters);
        this.nextClaimKey = next(claimOrder);
        this.writer = Thread.ofPlatform().name("event-bus-journal").daemon().unstarted(this::write);
        writer.start();
    }

    /**
     * Opens (or creates) the journal in {@code directory}.
     *
     * @param idempotency where consumers claim event ids; null: in the journal
     */
    static DeliveryJournal open(Path directory, boolean fsync, IdempotencyStore idempotency) {
        return new DeliveryJournal(directory, fsync, idempotency, Clock.systemUTC());
    }

    Path file() {
        return file;
    }

    @Override
    public long[] append(List<Delivery> appended) {
        if (appended.isEmpty()) {
            return new long[0];
        }
        Append append = new Append(appended, new long[appended.size()], new CompletableFuture<>());
        submit(append);
        try {
            append.committed().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
        return append.ids();
    }

    @Override
    public long firstIdOfThisRun() {
        return firstIdOfThisRun;
    }

    @Override
    public void replay(long belowId, Consumer<Stored> each) {
        Cursor<Long, Delivery> cursor = deliveries.cursor(null, belowId - 1, false);
        while (cursor.hasNext()) {
            long id = cursor.next();
            each.accept(new Stored(id, cursor.getValue()));
        }
    }

    @Override
    public void handled(long id, String queue, String deduplicationId, Duration ttl) {
        long expiry = deduplicationId == null ? 0 : clock.millis() + ttl.toMillis();
        submit(new Handled(id, queue, deduplicationId, expiry));
    }

    /**
     * Test seam: {@code listener} hears of every handled delivery (queue, event id) once the commit
     * that records it is done, so a test knows which handler calls the journal answers for.
     */
    void onHandledCommitted(BiConsumer<String, String> listener) {
        this.handledListener = listener;
    }

    /** Deliveries kept (not handled, dead-lettered or dropped yet). */
    int pendingDeliveries() {
        return deliveries.size();
    }

    /** Whether the journal holds an unexpired claim of {@code eventId} by {@code queue}. */
    boolean claimed(String queue, String eventId) {
        Long expiry = claimExpiries.get(JournalClaims.key(queue, eventId));
        return expiry != null && expiry > clock.millis();
    }

    @Override
    public void attempted(long id, int failedAttempts) {
        submit(new Attempted(id, failedAttempts));
    }

    @Override
    public void deadLettered(long id, DeadLetter letter) {
        submit(new DeadLettered(id, letter));
    }

    @Override
    public void dropped(long id) {
        submit(new Dropped(id));
    }

    @Override
    public void abandoned(long id, DeadLetter letter) {
        // Kept as it is: the next start delivers it.
    }

    @Override
    public List<DeadLetter> deadLetters(String queue) {
        List<DeadLetter> letters = new ArrayList<>();
        for (DeadLetter letter : deadLetters.values()) {
            if (letter.queue().equals(queue)) {
                letters.add(letter);
            }
        }
        return letters;
    }

    @Override
    public List<Redriven> redrive(String queue, Predicate<DeadLetter> which) {
        Redrive redrive = new Redrive(queue, which, new CompletableFuture<>());
        submit(redrive);
        return redrive.result().join();
    }

    @Override
    public IdempotencyStore claims() {
        return claims;
    }

    /** Applies what is queued, commits, and closes the file. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        // A marker rather than an interrupt: an interrupt during a write closes MVStore's file channel.
        changes.add(Stop.STOP);
        try {
            writer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        store.close();
    }

    private void submit(Change change) {
        if (closed) {
            if (change instanceof Append || change instanceof Redrive) {
                throw new IllegalStateException("the event bus journal " + file + " is closed");
            }
            LOG.debug("Journal closed, {} not recorded", change);
            return;
        }
        changes.add(change);
    }

    /**
     * The writer thread: everything queued, then one commit for all of it. A commit someone waits for
     * (deliveries appended, a redrive) is made at once; changes nobody waits for (handled, failed,
     * dead-lettered deliveries) are applied and committed with the next awaited commit, or within
     * {@value #LAZY_COMMIT_MILLIS} ms, so that completions do not double the commits publishers queue
     * behind. (A claim not yet applied is still held in memory, so it answers all the same.)
     */
    private void write() {
        List<Change> batch = new ArrayList<>();
        List<Change> uncommitted = new ArrayList<>();
        long lazySince = 0;
        boolean stop = false;
        while (!stop) {
            try {
                long wait = uncommitted.isEmpty()
                        ? TimeUnit.SECONDS.toMillis(PRUNE_SECONDS)
                        : Math.max(0, LAZY_COMMIT_MILLIS - (System.currentTimeMillis() - lazySince));
                Change first = changes.poll(wait, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    changes.drainTo(batch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop = true;
            }
            stop |= batch.remove(Stop.STOP);
            boolean awaited = batch.stream().anyMatch(change -> change instanceof Append || change instanceof Redrive);
            if (uncommitted.isEmpty() && !batch.isEmpty()) {
                lazySince = System.currentTimeMillis();
            }
            uncommitted.addAll(batch);
            batch.clear();
            boolean due = System.currentTimeMillis() - lazySince >= LAZY_COMMIT_MILLIS;
            if (awaited || due || stop || uncommitted.isEmpty()) {
                apply(uncommitted);
                uncommitted.clear();
            }
        }
    }

    private void apply(List<Change> batch) {
        RuntimeException failure = null;
        try {
            for (Change change : batch) {
                change.apply(this);
            }
            pruneClaims();
            store.commit();
            if (fsync) {
                store.sync();
            }
        } catch (RuntimeException | Error e) {
            LOG.error("Event bus journal {}: committing {} changes failed", file, batch.size(), e);
            failure = e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
        }
        for (Change change : batch) {
            change.done(failure);
        }
        BiConsumer<String, String> listener = handledListener;
        if (listener != null && failure == null) {
            for (Change change : batch) {
                if (change instanceof Handled handled && handled.deduplicationId() != null) {
                    listener.accept(handled.queue(), handled.deduplicationId());
                }
            }
        }
    }

    private void pruneClaims() {
        long now = clock.millis();
        if (now - lastPrune < TimeUnit.SECONDS.toMillis(PRUNE_SECONDS)) {
            return;
        }
        lastPrune = now;
        Cursor<Long, String> cursor = claimOrder.cursor(null);
        List<Long> done = new ArrayList<>();
        while (cursor.hasNext() && done.size() < PRUNE_BATCH) {
            long order = cursor.next();
            String key = cursor.getValue();
            Long expiry = claimExpiries.get(key);
            if (expiry != null && expiry > now) {
                break; // claims are written in (about) expiry order: the rest is younger
            }
            if (expiry != null) {
                claimExpiries.remove(key);
            }
            done.add(order);
        }
        done.forEach(claimOrder::remove);
    }

    private static long next(MVMap<Long, ?> map) {
        Long last = map.lastKey();
        return last == null ? 1 : last + 1;
    }

    /** A change the writer applies and commits. */
    private interface Change {
        void apply(DeliveryJournal journal);

        /** After the commit: failure null when it is in the file. */
        default void done(RuntimeException failure) {}
    }

    /** The writer's last change: what came before it is committed, then it ends. */
    private enum Stop implements Change {
        STOP;

        @Override
        public void apply(DeliveryJournal journal) {}
    }

    private record Append(List<Delivery> deliveries, long[] ids, CompletableFuture<Void> committed) implements Change {
        @Override
        public void apply(DeliveryJournal journal) {
            for (int i = 0; i < deliveries.size(); i++) {
                ids[i] = journal.nextId++;
                journal.deliveries.put(ids[i], deliveries.get(i));
            }
        }

        @Override
        public void done(RuntimeException failure) {
            if (failure == null) {
                committed.complete(null);
            } else {
                committed.completeExceptionally(new IllegalStateException(
                        "the event bus journal did not take the events: " + failure, failure));
            }
        }
    }

    private record Handled(long id, String queue, String deduplicationId, long expiry) implements Change {
        @Override
        public void apply(DeliveryJournal journal) {
            if (deduplicationId != null) {
                String claimKey = JournalClaims.key(queue, deduplicationId);
                journal.claimExpiries.put(claimKey, expiry);
                journal.claimOrder.put(journal.nextClaimKey++, claimKey);
                // From here on the written claim answers for it.
                journal.activeClaims.remove(claimKey);
            }
            journal.deliveries.remove(id);
        }
    }

    private record Attempted(long id, int failedAttempts) implements Change {
        @Override
        public void apply(DeliveryJournal journal) {
            Delivery delivery = journal.deliveries.get(id);
            if (delivery != null) {
                journal.deliveries.put(id, new Delivery(delivery.queue(), delivery.eventJson(), failedAttempts));
            }
        }
    }

    private record DeadLettered(long id, DeadLetter letter) implements Change {
        @Override
        public void apply(DeliveryJournal journal) {
            journal.deadLetters.put(journal.nextDeadLetterKey++, letter);
            journal.deliveries.remove(id);
        }
    }

    private record Dropped(long id) implements Change {
        @Override
        public void apply(DeliveryJournal journal) {
            journal.deliveries.remove(id);
        }
    }

    private record Redrive(String queue, Predicate<DeadLetter> which, CompletableFuture<List<Redriven>> result)
            implements Change {
        @Override
        public void apply(DeliveryJournal journal) {
            List<Redriven> taken = new ArrayList<>();
            List<Long> keys = new ArrayList<>();
            Cursor<Long, DeadLetter> cursor = journal.deadLetters.cursor(null);
            while (cursor.hasNext()) {
                long key = cursor.next();
                DeadLetter letter = cursor.getValue();
                if (letter.queue().equals(queue) && which.test(letter)) {
                    long id = journal.nextId++;
                    journal.deliveries.put(id, new Delivery(queue, letter.eventJson(), 0));
                    taken.add(new Redriven(letter, id));
                    keys.add(key);
                }
            }
            keys.forEach(journal.deadLetters::remove);
            result.complete(taken);
        }

        @Override
        public void done(RuntimeException failure) {
            if (failure != null && !result.isDone()) {
                result.completeExceptionally(failure);
            }
        }
    }

    /**
     * Claims held in memory while their handler runs ({@link #activeClaims}), written with their expiry
     * once it completed ({@link Handled}).
     */
    private final class JournalClaims implements IdempotencyStore {

        static String key(String consumer, String eventId) {
            return consumer + '\u0000' + eventId;
        }

        /**
         * A claim being handled lives in memory only (the lease is the process: a crash ends it), a
         * handled one in the file; the journal writes it when the delivery is removed.
         */
        @Override
        public Claim claim(String consumer, String eventId, Duration lease) {
            String key = key(consumer, eventId);
            Long expiry = claimExpiries.get(key);
            if (expiry != null && expiry > clock.millis()) {
                return Claim.HANDLED;
            }
            return activeClaims.putIfAbsent(key, Boolean.TRUE) == null ? Claim.CLAIMED : Claim.IN_PROGRESS;
        }

        /** Written with the removal of the delivery ({@link Handled}): nothing to do before. */
        @Override
        public void complete(String consumer, String eventId, Duration ttl) {}

        @Override
        public void release(String consumer, String eventId) {
            activeClaims.remove(key(consumer, eventId));
        }
    }

    /** A delivery in the file: failed attempts, queue, event. */
    private static final class DeliveryType extends BasicDataType<Delivery> {
        @Override
        public int getMemory(Delivery delivery) {
            return 48 + 2 * (delivery.queue().length() + delivery.eventJson().length());
        }

        @Override
        public void write(WriteBuffer buffer, Delivery delivery) {
            buffer.putVarInt(delivery.failedAttempts());
            string(buffer, delivery.queue());
            string(buffer, delivery.eventJson());
        }

        @Override
        public Delivery read(ByteBuffer buffer) {
            int attempts = DataUtils.readVarInt(buffer);
            return new Delivery(DataUtils.readString(buffer), DataUtils.readString(buffer), attempts);
        }

        @Override
        public Delivery[] createStorage(int size) {
            return new Delivery[size];
        }
    }

    /** A dead letter in the file. */
    private static final class DeadLetterType extends BasicDataType<DeadLetter> {
        @Override
        public int getMemory(DeadLetter letter) {
            return 96
                    + 2
                            * (letter.id().length()
                                    + letter.deadLetterQueue().length()
                                    + letter.queue().length()
                                    + letter.eventJson().length()
                                    + letter.reason().length());
        }

        @Override
        public void write(WriteBuffer buffer, DeadLetter letter) {
            string(buffer, letter.id());
            string(buffer, letter.deadLetterQueue());
            string(buffer, letter.queue());
            string(buffer, letter.eventJson());
            string(buffer, letter.reason());
            buffer.putVarInt(letter.attempts());
            buffer.putVarLong(letter.at().getEpochSecond());
            buffer.putVarInt(letter.at().getNano());
        }

        @Override
        public DeadLetter read(ByteBuffer buffer) {
            String id = DataUtils.readString(buffer);
            String deadLetterQueue = DataUtils.readString(buffer);
            String queue = DataUtils.readString(buffer);
            String eventJson = DataUtils.readString(buffer);
            String reason = DataUtils.readString(buffer);
            int attempts = DataUtils.readVarInt(buffer);
            Instant at = Instant.ofEpochSecond(DataUtils.readVarLong(buffer), DataUtils.readVarInt(buffer));
            return new DeadLetter(id, deadLetterQueue, queue, eventJson, reason, attempts, at);
        }

        @Override
        public DeadLetter[] createStorage(int size) {
            return new DeadLetter[size];
        }
    }

    private static void string(WriteBuffer buffer, String value) {
        buffer.putVarInt(value.length()).putStringData(value, value.length());
    }
}
