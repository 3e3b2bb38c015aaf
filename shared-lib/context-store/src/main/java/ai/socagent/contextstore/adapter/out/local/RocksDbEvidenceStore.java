package ai.socagent.contextstore.adapter.out.local;

import ai.socagent.contextstore.ContextArchiveException;
import ai.socagent.contextstore.ContextArchiveKeys;
import ai.socagent.contextstore.Evidence;
import ai.socagent.contextstore.EvidenceChecksums;
import ai.socagent.contextstore.EvidenceIntegrityException;
import ai.socagent.contextstore.EvidenceReceipt;
import ai.socagent.contextstore.EvidenceRetainedException;
import ai.socagent.contextstore.EvidenceStore;
import ai.socagent.contextstore.StoredEvidence;
import ai.socagent.embedded.rocksdb.RocksDbTuning;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The standalone evidence store: one RocksDB database of its own (a directory), opened with the
 * options of the context store and the bus journal ({@link RocksDbTuning}: LZ4 blocks, ZSTD at the
 * bottom level). Key {@code evidence/<investigation>/<evidence>} (percent-encoded segments, ASCII, so
 * byte order is key order and {@link #list} a prefix scan); value one {@link EvidenceRecord}: SHA-256,
 * size, content type, stored-at, retain-until, metadata and the content, so a put is one atomic write.
 *
 * <p>A put of a key is refused while the stored record's retain-until is in the future (by the
 * clock); the check and the write are atomic per key (striped locks: puts of one key one at a time,
 * puts of other keys side by side). A read recomputes the SHA-256. Durability as the context store's
 * ({@code EmbeddedContextStore.Durability}): a put returns once its write-ahead log record is with the
 * operating system (survives {@code kill -9}), or, with {@code fsync}, on the device. Anyone with
 * file access can still delete the database: tamper-evident, not tamper-proof (S3 object lock is what
 * adds that in the other modes). Why a database and not files: docs/adr/0007-evidence-in-rocksdb.md.
 */
public final class RocksDbEvidenceStore implements EvidenceStore, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RocksDbEvidenceStore.class.getName());

    private final Path directory;
    private final String location;
    private final RocksDB db;
    private final WriteOptions writeOptions;
    private final DBOptions options;
    private final ColumnFamilyOptions familyOptions;
    private final LRUCache cache;
    private final Object[] puts = new Object[64];
    /** Read by every operation, written by close: no use of the native handle after it is freed. */
    private final ReentrantReadWriteLock open = new ReentrantReadWriteLock();

    private boolean closed;
    private final Duration retention;
    private final Clock clock;

    private RocksDbEvidenceStore(
            Path directory,
            RocksDB db,
            WriteOptions writeOptions,
            DBOptions options,
            ColumnFamilyOptions familyOptions,
            LRUCache cache,
            Duration retention,
            Clock clock) {
        this.directory = directory;
        this.location = directory.toUri().toString();
        this.db = db;
        this.writeOptions = writeOptions;
        this.options = options;
        this.familyOptions = familyOptions;
        this.cache = cache;
        for (int i = 0; i < puts.length; i++) {
            puts[i] = new Object();
        }
        this.retention = retention;
        this.clock = clock;
    }

    /**
     * Opens (or creates) the database in {@code directory}; its parents are created.
     *
     * @param fsync force the write-ahead log to the device before a put returns (survives a power
     *     loss); without it a put survives the process being killed
     * @throws ContextArchiveException it cannot be opened, for example because another process holds it
     */
    public static RocksDbEvidenceStore open(Path directory, Duration retention, Clock clock, boolean fsync) {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(clock, "clock");
        if (retention == null || retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("evidence retention must be positive, not " + retention);
        }
        Path absolute = directory.toAbsolutePath().normalize();
        RocksDB.loadLibrary();
        // evidence is written once and rarely read: a small block cache of its own
        LRUCache cache = new LRUCache(8L << 20);
        ColumnFamilyOptions familyOptions = RocksDbTuning.columnFamilyOptions(cache);
        DBOptions options = RocksDbTuning.databaseOptions(32L << 20);
        WriteOptions writeOptions = new WriteOptions().setSync(fsync);
        try {
            Files.createDirectories(absolute);
            RocksDB db;
            try (Options opened = new Options(options, familyOptions)) {
                db = RocksDB.open(opened, absolute.toString());
            }
            return new RocksDbEvidenceStore(
                    absolute, db, writeOptions, options, familyOptions, cache, retention, clock);
        } catch (IOException | RocksDBException e) {
            writeOptions.close();
            options.close();
            familyOptions.close();
            cache.close();
            throw new ContextArchiveException("cannot open the evidence store " + absolute + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens the database and, once, imports the evidence of the directory layout of before ({@code
     * <legacyDirectory>/evidence/...} with {@code .evidence.json} sidecars): every object with its
     * stored-at, retain-until, content type, metadata and recorded SHA-256, then the old directory
     * is renamed to {@code evidence.imported-<UTC time>}. Content that no longer matches its sidecar's
     * SHA-256 is imported as it is, with the recorded checksum, so that reading it still fails
     * (a warning names it); a key already in the database is left alone (an import interrupted by a
     * crash is simply run again).
     */
    public static RocksDbEvidenceStore openImporting(
            Path directory, Path legacyDirectory, Duration retention, Clock clock, boolean fsync) {
        RocksDbEvidenceStore store = open(directory, retention, clock, fsync);
        try {
            store.importLegacy(legacyDirectory);
            return store;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    @Override
    public EvidenceReceipt put(Evidence evidence) {
        return whileOpen(() -> doPut(evidence));
    }

    @Override
    public Optional<StoredEvidence> get(String investigationId, String evidenceId) {
        return whileOpen(() -> doGet(investigationId, evidenceId));
    }

    @Override
    public List<String> list(String investigationId) {
        return whileOpen(() -> doList(investigationId));
    }

    private <T> T whileOpen(Supplier<T> operation) {
        open.readLock().lock();
        try {
            if (closed) {
                throw new ContextArchiveException("the evidence store " + directory + " is closed");
            }
            return operation.get();
        } finally {
            open.readLock().unlock();
        }
    }

    private EvidenceReceipt doPut(Evidence evidence) {
        String key = ContextArchiveKeys.evidenceKey(evidence.investigationId(), evidence.evidenceId());
        byte[] rawKey = key.getBytes(StandardCharsets.UTF_8);
        synchronized (puts[Math.floorMod(key.hashCode(), puts.length)]) {
            Instant now = clock.instant();
            byte[] existing = read(key, rawKey);
            if (existing != null) {
                Instant until = retainUntil(key, existing);
                if (until.isAfter(now)) {
                    throw new EvidenceRetainedException(key, until);
                }
            }
            byte[] content = evidence.content();
            byte[] sha256 = sha256(content);
            Instant retainUntil = now.plus(retention).truncatedTo(ChronoUnit.SECONDS);
            EvidenceRecord record = new EvidenceRecord(
                    sha256, content.length, now, retainUntil, evidence.contentType(), evidence.metadata(), content);
            try {
                db.put(writeOptions, rawKey, record.encode());
            } catch (RocksDBException e) {
                throw new ContextArchiveException("cannot write evidence " + key + ": " + e.getMessage(), e);
            }
            return receipt(key, record);
        }
    }

    private Optional<StoredEvidence> doGet(String investigationId, String evidenceId) {
        String key = ContextArchiveKeys.evidenceKey(investigationId, evidenceId);
        byte[] value = read(key, key.getBytes(StandardCharsets.UTF_8));
        if (value == null) {
            return Optional.empty();
        }
        EvidenceRecord record;
        try {
            record = EvidenceRecord.decode(value);
        } catch (IOException e) {
            throw new EvidenceIntegrityException(key, "unknown", "an unreadable record (" + e.getMessage() + ")");
        }
        String expected = record.sha256Base64();
        String actual = EvidenceChecksums.sha256Base64(record.content());
        if (!expected.equals(actual) || record.size() != record.content().length) {
            throw new EvidenceIntegrityException(key, expected, actual);
        }
        return Optional.of(
                new StoredEvidence(receipt(key, record), record.content(), record.contentType(), record.metadata()));
    }

    private List<String> doList(String investigationId) {
        String prefix = ContextArchiveKeys.evidencePrefix(investigationId);
        byte[] start = prefix.getBytes(StandardCharsets.UTF_8);
        List<String> ids = new ArrayList<>();
        try (ReadOptions read = new ReadOptions().setPrefixSameAsStart(false);
                RocksIterator it = db.newIterator(read)) {
            for (it.seek(start); it.isValid(); it.next()) {
                byte[] key = it.key();
                if (!startsWith(key, start)) {
                    break;
                }
                ids.add(ContextArchiveKeys.value(
                        new String(key, start.length, key.length - start.length, StandardCharsets.UTF_8)));
            }
            it.status();
        } catch (RocksDBException e) {
            throw new ContextArchiveException("cannot list evidence " + prefix + ": " + e.getMessage(), e);
        }
        return ids;
    }

    /** The database's directory. */
    public Path directory() {
        return directory;
    }

    /**
     * Flushes the memtable to a (compressed) table file, so that the write-ahead log, which holds the
     * values uncompressed, can be dropped; then closes. Idempotent.
     */
    @Override
    public void close() {
        open.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            flushAndClose();
        } finally {
            open.writeLock().unlock();
        }
    }

    private void flushAndClose() {
        try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
            db.flush(flush);
        } catch (RocksDBException e) {
            LOG.log(Level.WARNING, "flushing the evidence store {0} before closing failed: {1}", directory, e);
        }
        db.close();
        writeOptions.close();
        options.close();
        familyOptions.close();
        cache.close();
    }

    // --- the import of the directory layout of before --------------------------------------------

    private void importLegacy(Path legacyDirectory) {
        Path evidence = legacyDirectory.toAbsolutePath().normalize().resolve("evidence");
        if (!Files.isDirectory(evidence)) {
            return;
        }
        int[] counts = new int[2]; // imported, failing their checksum
        try (WriteBatch batch = new WriteBatch()) {
            LocalDirectoryEvidenceStore.forEachStored(legacyDirectory, (key, record) -> {
                byte[] rawKey = key.getBytes(StandardCharsets.UTF_8);
                if (read(key, rawKey) != null) {
                    return;
                }
                if (!Arrays.equals(record.sha256(), sha256(record.content()))) {
                    counts[1]++;
                    LOG.log(
                            Level.WARNING,
                            "evidence {0} does not match the SHA-256 of its sidecar; imported as it is, reading it"
                                    + " fails its checksum",
                            key);
                }
                try {
                    batch.put(rawKey, record.encode());
                    if (batch.count() >= 1_000) {
                        db.write(writeOptions, batch);
                        batch.clear();
                    }
                } catch (RocksDBException e) {
                    throw new ContextArchiveException("cannot import evidence " + key + ": " + e.getMessage(), e);
                }
                counts[0]++;
            });
            db.write(writeOptions, batch);
            // on the device before the old files are given up
            try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
                db.flush(flush);
            }
            db.syncWal();
        } catch (RocksDBException e) {
            throw new ContextArchiveException("cannot import the evidence of " + evidence + ": " + e.getMessage(), e);
        }
        Path aside = evidence.resolveSibling("evidence.imported-"
                + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                        .withZone(ZoneOffset.UTC)
                        .format(clock.instant()));
        try {
            Files.move(evidence, aside);
        } catch (IOException e) {
            throw new ContextArchiveException(
                    "imported the evidence of " + evidence + " but cannot move it aside: " + e.getMessage(), e);
        }
        LOG.log(
                Level.WARNING,
                "imported {0} evidence objects ({1} failing their checksum) of the directory layout {2} into {3};"
                        + " the old directory is now {4} (delete it once checked)",
                counts[0],
                counts[1],
                evidence,
                directory,
                aside);
    }

    // --- helpers ---------------------------------------------------------------------------------

    private byte[] read(String key, byte[] rawKey) {
        try {
            return db.get(rawKey);
        } catch (RocksDBException e) {
            throw new ContextArchiveException("cannot read evidence " + key + ": " + e.getMessage(), e);
        }
    }

    private static Instant retainUntil(String key, byte[] value) {
        try {
            return EvidenceRecord.retainUntilOf(value);
        } catch (IOException e) {
            throw new EvidenceIntegrityException(key, "unknown", "an unreadable record (" + e.getMessage() + ")");
        }
    }

    private EvidenceReceipt receipt(String key, EvidenceRecord record) {
        return new EvidenceReceipt(
                key,
                location + "#" + key,
                Optional.empty(),
                record.sha256Base64(),
                record.size(),
                record.retainUntil());
    }

    static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }
}
