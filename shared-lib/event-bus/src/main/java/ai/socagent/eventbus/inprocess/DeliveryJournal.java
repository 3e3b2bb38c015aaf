package ai.socagent.eventbus.inprocess;

import ai.socagent.embedded.rocksdb.RocksDbTuning;
import ai.socagent.eventbus.IdempotencyStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process bus's deliveries, dead letters and idempotency claims in one RocksDB database (the
 * directory {@value #DIRECTORY_NAME} in the journal directory; the embedded store the context store
 * uses too, docs/adr/0006-rocksdb-for-the-bus-journal.md), so that an event whose {@code publish}
 * returned is delivered even if the process is killed, the dead-letter queues and their redrive
 * outlive restarts, and an event whose handler completed is not handled again after one.
 *
 * <p>Every change is one atomic {@link WriteBatch} written through RocksDB's write-ahead log before
 * the call returns: deliveries appended (so {@code publish} returns once its deliveries are in the
 * log), a delivery handled (its claim written and the delivery removed in the same batch), failed,
 * dead-lettered (the dead letter added and the delivery removed together), dropped, redriven. Without
 * {@code fsync} the log record has reached the operating system when the call returns, which survives
 * the process being killed but not the machine losing power; with it the log is also forced to the
 * disk. Concurrent writers share log writes (RocksDB's own group commit), so no writer thread of ours
 * is needed, and an interrupted caller cannot harm the database (JNI calls are not interruptible).
 *
 * <p>Layout, one column family each: {@code deliveries} (8-byte big-endian id → failed attempts,
 * queue, event), {@code dead-letters} (8-byte sequence → dead letter), {@code claims} ({@code
 * <queue>0<event id>} → 8-byte expiry) and {@code claim-expiries} (8-byte expiry, 8-byte sequence →
 * claim key), the order in which claims are pruned. A delivery is put and deleted within seconds, so
 * most never leave the memtable: a flush drops a put its delete covers. Blocks are LZ4-compressed,
 * the bottommost level ZSTD, as in the context store.
 *
 * <p>Claims: a claim is held in memory while its handler runs and written (with its expiry) in the
 * batch that removes the delivery; a crash mid-handler thus leaves no claim and the delivery is
 * replayed. Expired claims are pruned every {@value #PRUNE_SECONDS} s, oldest expiry first.
 */
final class DeliveryJournal implements DeliveryStore {

    /** The RocksDB directory in the journal directory. */
    static final String DIRECTORY_NAME = "journal";

    /** The MVStore file of before (moved aside when found: nothing reads it any more). */
    static final String OLD_FILE_NAME = "journal.mv";

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryJournal.class);
    private static final long PRUNE_SECONDS = 10;
    private static final int PRUNE_BATCH = 10_000;
    private static final int CLAIM_STRIPES = 64;
    private static final byte[] DELIVERIES = "deliveries".getBytes(StandardCharsets.UTF_8);
    private static final byte[] DEAD_LETTERS = "dead-letters".getBytes(StandardCharsets.UTF_8);
    private static final byte[] CLAIMS = "claims".getBytes(StandardCharsets.UTF_8);
    private static final byte[] CLAIM_EXPIRIES = "claim-expiries".getBytes(StandardCharsets.UTF_8);

    private final Path directory;
    private final RocksDB db;
    private final DBOptions options;
    private final ColumnFamilyOptions familyOptions;
    private final LRUCache cache;
    private final WriteOptions writeOptions;
    private final List<ColumnFamilyHandle> handles;
    private final ColumnFamilyHandle deliveries;
    private final ColumnFamilyHandle deadLetters;
    private final ColumnFamilyHandle claimExpiries;
    private final ColumnFamilyHandle claimOrder;
    private final Map<String, Boolean> activeClaims = new ConcurrentHashMap<>();
    private final Object[] claimStripes = new Object[CLAIM_STRIPES];
    /** Held (shared) by every database call, taken exclusively by {@link #close}: no call meets a closed handle. */
    private final ReentrantReadWriteLock open = new ReentrantReadWriteLock();

    private final ReentrantLock redriving = new ReentrantLock();
    private final Clock clock;
    private final long firstIdOfThisRun;
    private final AtomicLong nextId;
    private final AtomicLong nextDeadLetterKey;
    private final AtomicLong nextClaimKey = new AtomicLong();
    private final ScheduledExecutorService pruner;
    private final IdempotencyStore claims;
    private byte[] prunedBelow = new byte[0];
    private volatile boolean closed;
    private volatile BiConsumer<String, String> handledListener;

    private DeliveryJournal(Path journalDirectory, boolean fsync, IdempotencyStore idempotency, Clock clock) {
        this.directory = journalDirectory.resolve(DIRECTORY_NAME).toAbsolutePath();
        this.claims = idempotency != null ? idempotency : new JournalClaims();
        this.clock = clock;
        for (int i = 0; i < claimStripes.length; i++) {
            claimStripes[i] = new Object();
        }
        try {
            Files.createDirectories(journalDirectory);
            Path old = journalDirectory.resolve(OLD_FILE_NAME);
            if (Files.isRegularFile(old)) {
                Path aside = old.resolveSibling(OLD_FILE_NAME + "-old");
                Files.move(old, aside, StandardCopyOption.REPLACE_EXISTING);
                LOG.warn(
                        "{} is an event bus journal of the old MVStore layout; moved to {} and not read: its"
                                + " undelivered events are not replayed",
                        old,
                        aside);
            }
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the event bus journal directory " + directory, e);
        }
        RocksDB.loadLibrary();
        this.cache = new LRUCache(8L << 20);
        this.familyOptions = RocksDbTuning.columnFamilyOptions(cache);
        this.options = RocksDbTuning.databaseOptions(32L << 20);
        this.writeOptions = new WriteOptions().setSync(fsync);
        List<ColumnFamilyDescriptor> descriptors = List.of(
                new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, familyOptions),
                new ColumnFamilyDescriptor(DELIVERIES, familyOptions),
                new ColumnFamilyDescriptor(DEAD_LETTERS, familyOptions),
                new ColumnFamilyDescriptor(CLAIMS, familyOptions),
                new ColumnFamilyDescriptor(CLAIM_EXPIRIES, familyOptions));
        this.handles = new ArrayList<>();
        try {
            this.db = RocksDB.open(options, directory.toString(), descriptors, handles);
        } catch (RocksDBException e) {
            writeOptions.close();
            options.close();
            familyOptions.close();
            cache.close();
            throw new IllegalStateException(
                    "cannot open the event bus journal " + directory + " (in use by another process or bus?): "
                            + e.getMessage(),
                    e);
        }
        this.deliveries = handles.get(1);
        this.deadLetters = handles.get(2);
        this.claimExpiries = handles.get(3);
        this.claimOrder = handles.get(4);
        this.nextId = new AtomicLong(next(deliveries));
        this.firstIdOfThisRun = nextId.get();
        this.nextDeadLetterKey = new AtomicLong(next(deadLetters));
        this.pruner = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("event-bus-journal-prune").daemon().factory());
        pruner.scheduleWithFixedDelay(this::pruneClaims, PRUNE_SECONDS, PRUNE_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * Opens (or creates) the journal in {@code directory}.
     *
     * @param idempotency where consumers claim event ids; null: in the journal
     */
    static DeliveryJournal open(Path directory, boolean fsync, IdempotencyStore idempotency) {
        return new DeliveryJournal(directory, fsync, idempotency, Clock.systemUTC());
    }

    /** The RocksDB directory. */
    Path directory() {
        return directory;
    }

    @Override
    public long[] append(List<Delivery> appended) {
        if (appended.isEmpty()) {
            return new long[0];
        }
        long[] ids = new long[appended.size()];
        long first = nextId.getAndAdd(ids.length);
        try (WriteBatch batch = new WriteBatch()) {
            for (int i = 0; i < ids.length; i++) {
                ids[i] = first + i;
                batch.put(deliveries, key(ids[i]), encode(appended.get(i)));
            }
            write(batch, true);
        } catch (RocksDBException e) {
            throw new IllegalStateException("the event bus journal did not take the events: " + e.getMessage(), e);
        }
        return ids;
    }

    @Override
    public long firstIdOfThisRun() {
        return firstIdOfThisRun;
    }

    @Override
    public void replay(long belowId, Consumer<Stored> each) {
        List<Stored> page = new ArrayList<>();
        byte[] from = key(0);
        // Pages of 1,000 so that the shared lock is not held while the bus dispatches.
        while (true) {
            page.clear();
            byte[] start = from;
            read(() -> {
                try (Slice upper = new Slice(key(belowId));
                        ReadOptions read = new ReadOptions().setIterateUpperBound(upper);
                        RocksIterator it = db.newIterator(deliveries, read)) {
                    for (it.seek(start); it.isValid() && page.size() < 1_000; it.next()) {
                        page.add(new Stored(id(it.key()), decodeDelivery(it.value())));
                    }
                }
            });
            if (page.isEmpty()) {
                return;
            }
            page.forEach(each);
            from = key(page.getLast().id() + 1);
        }
    }

    @Override
    public void handled(long id, String queue, String deduplicationId, Duration ttl) {
        try (WriteBatch batch = new WriteBatch()) {
            if (deduplicationId == null) {
                batch.delete(deliveries, key(id));
                write(batch, false);
            } else {
                String claimKey = JournalClaims.key(queue, deduplicationId);
                byte[] claim = claimKey.getBytes(StandardCharsets.UTF_8);
                long expiry = clock.millis() + ttl.toMillis();
                batch.put(claimExpiries, claim, key(expiry));
                batch.put(claimOrder, orderKey(expiry, nextClaimKey.getAndIncrement()), claim);
                batch.delete(deliveries, key(id));
                synchronized (stripe(claim)) {
                    write(batch, false);
                }
                // From here on the written claim answers for it.
                activeClaims.remove(claimKey);
            }
        } catch (RocksDBException e) {
            LOG.error("Event bus journal {}: recording delivery {} as handled failed", directory, id, e);
            return;
        }
        BiConsumer<String, String> listener = handledListener;
        if (listener != null && deduplicationId != null && !closed) {
            listener.accept(queue, deduplicationId);
        }
    }

    /**
     * Test seam: {@code listener} hears of every handled delivery (queue, event id) once the write
     * that records it is done, so a test knows which handler calls the journal answers for.
     */
    void onHandledCommitted(BiConsumer<String, String> listener) {
        this.handledListener = listener;
    }

    /** Deliveries kept (not handled, dead-lettered or dropped yet). */
    int pendingDeliveries() {
        int[] count = {0};
        read(() -> {
            try (RocksIterator it = db.newIterator(deliveries)) {
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    count[0]++;
                }
            }
        });
        return count[0];
    }

    /** Whether the journal holds an unexpired claim of {@code eventId} by {@code queue}. */
    boolean claimed(String queue, String eventId) {
        long expiry = claimExpiry(JournalClaims.key(queue, eventId));
        return expiry > clock.millis();
    }

    @Override
    public void attempted(long id, int failedAttempts) {
        change("recording a failed attempt of delivery " + id, batch -> {
            byte[] value = db.get(deliveries, key(id));
            if (value != null) {
                ByteBuffer.wrap(value).putInt(0, failedAttempts);
                batch.put(deliveries, key(id), value);
            }
        });
    }

    @Override
    public void deadLettered(long id, DeadLetter letter) {
        change("dead-lettering delivery " + id, batch -> {
            batch.put(deadLetters, key(nextDeadLetterKey.getAndIncrement()), encode(letter));
            batch.delete(deliveries, key(id));
        });
    }

    @Override
    public void dropped(long id) {
        change("dropping delivery " + id, batch -> batch.delete(deliveries, key(id)));
    }

    @Override
    public void abandoned(long id, DeadLetter letter) {
        // Kept as it is: the next start delivers it.
    }

    @Override
    public List<DeadLetter> deadLetters(String queue) {
        List<DeadLetter> letters = new ArrayList<>();
        read(() -> {
            try (RocksIterator it = db.newIterator(deadLetters)) {
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    DeadLetter letter = decodeDeadLetter(it.value());
                    if (letter.queue().equals(queue)) {
                        letters.add(letter);
                    }
                }
            }
        });
        return letters;
    }

    @Override
    public List<Redriven> redrive(String queue, Predicate<DeadLetter> which) {
        redriving.lock();
        try (WriteBatch batch = new WriteBatch()) {
            List<Redriven> taken = new ArrayList<>();
            read(() -> {
                try (RocksIterator it = db.newIterator(deadLetters)) {
                    for (it.seekToFirst(); it.isValid(); it.next()) {
                        DeadLetter letter = decodeDeadLetter(it.value());
                        if (letter.queue().equals(queue) && which.test(letter)) {
                            long id = nextId.getAndIncrement();
                            batch.put(deliveries, key(id), encode(new Delivery(queue, letter.eventJson(), 0)));
                            batch.delete(deadLetters, it.key());
                            taken.add(new Redriven(letter, id));
                        }
                    }
                }
            });
            write(batch, true);
            return taken;
        } catch (RocksDBException e) {
            throw new IllegalStateException(
                    "the event bus journal did not redrive " + queue + ": " + e.getMessage(), e);
        } finally {
            redriving.unlock();
        }
    }

    @Override
    public IdempotencyStore claims() {
        return claims;
    }

    /** Closes the database; what was written is in its log. */
    @Override
    public void close() {
        open.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            pruner.shutdownNow();
            handles.forEach(ColumnFamilyHandle::close);
            db.close();
            writeOptions.close();
            options.close();
            familyOptions.close();
            cache.close();
        } finally {
            open.writeLock().unlock();
        }
        try {
            pruner.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes {@code batch}; {@code awaited}: a caller needs it (throws once closed), otherwise skipped then. */
    private void write(WriteBatch batch, boolean awaited) throws RocksDBException {
        open.readLock().lock();
        try {
            if (closed) {
                if (awaited) {
                    throw new IllegalStateException("the event bus journal " + directory + " is closed");
                }
                LOG.debug("Journal closed, change not recorded");
                return;
            }
            db.write(writeOptions, batch);
        } finally {
            open.readLock().unlock();
        }
    }

    /** A change nobody waits for: built into one batch and written; a failure is logged. */
    private void change(String what, BatchBuilder builder) {
        try (WriteBatch batch = new WriteBatch()) {
            open.readLock().lock();
            try {
                if (closed) {
                    LOG.debug("Journal closed, {} not recorded", what);
                    return;
                }
                builder.build(batch);
                db.write(writeOptions, batch);
            } finally {
                open.readLock().unlock();
            }
        } catch (RocksDBException e) {
            LOG.error("Event bus journal {}: {} failed", directory, what, e);
        }
    }

    private interface BatchBuilder {
        void build(WriteBatch batch) throws RocksDBException;
    }

    private interface Reading {
        void run() throws RocksDBException;
    }

    /** Runs {@code reading} against the open database (nothing once closed). */
    private void read(Reading reading) {
        open.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("the event bus journal " + directory + " is closed");
            }
            reading.run();
        } catch (RocksDBException e) {
            throw new IllegalStateException(
                    "reading the event bus journal " + directory + " failed: " + e.getMessage(), e);
        } finally {
            open.readLock().unlock();
        }
    }

    private long claimExpiry(String claimKey) {
        long[] expiry = {0};
        read(() -> {
            byte[] value = db.get(claimExpiries, claimKey.getBytes(StandardCharsets.UTF_8));
            if (value != null) {
                expiry[0] = id(value);
            }
        });
        return expiry[0];
    }

    /**
     * Removes the claims whose expiry passed, in expiry order, at most {@value #PRUNE_BATCH} a run; a
     * claim written again since (the same event handled after its claim expired) is kept.
     */
    private void pruneClaims() {
        if (closed) {
            return;
        }
        try {
            long now = clock.millis();
            List<byte[]> expired = new ArrayList<>();
            byte[][] end = {null};
            read(() -> {
                try (RocksIterator it = db.newIterator(claimOrder)) {
                    for (it.seek(prunedBelow); it.isValid() && expired.size() < PRUNE_BATCH; it.next()) {
                        byte[] order = it.key();
                        if (id(order) > now) {
                            break;
                        }
                        expired.add(it.value());
                        end[0] = order;
                    }
                }
            });
            if (end[0] == null) {
                return;
            }
            // Everything up to and including end[0] goes: the order entries as one range.
            byte[] below = Arrays.copyOf(end[0], end[0].length + 1);
            for (byte[] claim : expired) {
                synchronized (stripe(claim)) {
                    change("pruning a claim", batch -> {
                        byte[] value = db.get(claimExpiries, claim);
                        if (value != null && id(value) <= now) {
                            batch.delete(claimExpiries, claim);
                        }
                    });
                }
            }
            change("pruning claim expiries", batch -> batch.deleteRange(claimOrder, prunedBelow, below));
            prunedBelow = below;
        } catch (RuntimeException e) {
            if (!closed) {
                LOG.warn("Event bus journal {}: pruning expired claims failed (tried again later)", directory, e);
            }
        }
    }

    private Object stripe(byte[] claim) {
        return claimStripes[Math.floorMod(Arrays.hashCode(claim), CLAIM_STRIPES)];
    }

    private long next(ColumnFamilyHandle family) {
        try (RocksIterator it = db.newIterator(family)) {
            it.seekToLast();
            return it.isValid() ? id(it.key()) + 1 : 1;
        }
    }

    private static byte[] key(long id) {
        return ByteBuffer.allocate(Long.BYTES).putLong(id).array();
    }

    private static long id(byte[] key) {
        return ByteBuffer.wrap(key).getLong();
    }

    private static byte[] orderKey(long expiry, long sequence) {
        return ByteBuffer.allocate(2 * Long.BYTES)
                .putLong(expiry)
                .putLong(sequence)
                .array();
    }

    /** A delivery on disk: failed attempts (4 bytes, first, so a retry rewrites it in place), queue, event. */
    private static byte[] encode(Delivery delivery) {
        byte[] queue = delivery.queue().getBytes(StandardCharsets.UTF_8);
        byte[] event = delivery.eventJson().getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(Integer.BYTES * 3 + queue.length + event.length)
                .putInt(delivery.failedAttempts())
                .putInt(queue.length)
                .put(queue)
                .putInt(event.length)
                .put(event)
                .array();
    }

    private static Delivery decodeDelivery(byte[] value) {
        ByteBuffer buffer = ByteBuffer.wrap(value);
        int attempts = buffer.getInt();
        String queue = string(buffer);
        return new Delivery(queue, string(buffer), attempts);
    }

    private static byte[] encode(DeadLetter letter) {
        byte[][] strings = {
            letter.id().getBytes(StandardCharsets.UTF_8),
            letter.deadLetterQueue().getBytes(StandardCharsets.UTF_8),
            letter.queue().getBytes(StandardCharsets.UTF_8),
            letter.eventJson().getBytes(StandardCharsets.UTF_8),
            letter.reason().getBytes(StandardCharsets.UTF_8)
        };
        int size = Integer.BYTES + Long.BYTES + Integer.BYTES;
        for (byte[] string : strings) {
            size += Integer.BYTES + string.length;
        }
        ByteBuffer buffer = ByteBuffer.allocate(size);
        for (byte[] string : strings) {
            buffer.putInt(string.length).put(string);
        }
        return buffer.putInt(letter.attempts())
                .putLong(letter.at().getEpochSecond())
                .putInt(letter.at().getNano())
                .array();
    }

    private static DeadLetter decodeDeadLetter(byte[] value) {
        ByteBuffer buffer = ByteBuffer.wrap(value);
        String id = string(buffer);
        String deadLetterQueue = string(buffer);
        String queue = string(buffer);
        String eventJson = string(buffer);
        String reason = string(buffer);
        int attempts = buffer.getInt();
        Instant at = Instant.ofEpochSecond(buffer.getLong(), buffer.getInt());
        return new DeadLetter(id, deadLetterQueue, queue, eventJson, reason, attempts, at);
    }

    private static String string(ByteBuffer buffer) {
        int length = buffer.getInt();
        String value = new String(buffer.array(), buffer.position(), length, StandardCharsets.UTF_8);
        buffer.position(buffer.position() + length);
        return value;
    }

    /**
     * Claims held in memory while their handler runs ({@link #activeClaims}), written with their expiry
     * once it completed ({@link #handled}).
     */
    private final class JournalClaims implements IdempotencyStore {

        static String key(String consumer, String eventId) {
            return consumer + '\u0000' + eventId;
        }

        /**
         * A claim being handled lives in memory only (the lease is the process: a crash ends it), a
         * handled one in the journal; the journal writes it when the delivery is removed.
         */
        @Override
        public Claim claim(String consumer, String eventId, Duration lease) {
            String key = key(consumer, eventId);
            if (claimExpiry(key) > clock.millis()) {
                return Claim.HANDLED;
            }
            if (activeClaims.putIfAbsent(key, Boolean.TRUE) != null) {
                return Claim.IN_PROGRESS;
            }
            // A handler of the same event may have completed between the read and the claim: its claim
            // is written before its in-memory one goes, so reading again sees it.
            if (claimExpiry(key) > clock.millis()) {
                activeClaims.remove(key);
                return Claim.HANDLED;
            }
            return Claim.CLAIMED;
        }

        /** Written with the removal of the delivery ({@link #handled}): nothing to do before. */
        @Override
        public void complete(String consumer, String eventId, Duration ttl) {}

        @Override
        public void release(String consumer, String eventId) {
            activeClaims.remove(key(consumer, eventId));
        }
    }
}
