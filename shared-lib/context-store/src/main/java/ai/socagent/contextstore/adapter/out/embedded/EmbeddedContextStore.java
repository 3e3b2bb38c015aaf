package ai.socagent.contextstore.adapter.out.embedded;

import ai.socagent.contextstore.AgentContextRepository;
import ai.socagent.contextstore.ArchiveBatch;
import ai.socagent.contextstore.ArchiveReason;
import ai.socagent.contextstore.ArchivedEntry;
import ai.socagent.contextstore.ContextArchive;
import ai.socagent.contextstore.ContextStore;
import ai.socagent.contextstore.ContextStoreException;
import ai.socagent.contextstore.ContextTables;
import ai.socagent.contextstore.CursorCodec;
import ai.socagent.contextstore.GlobalContextRepository;
import ai.socagent.contextstore.InvestigationContextRepository;
import ai.socagent.embedded.rocksdb.RocksDbTuning;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteOptions;

/**
 * The standalone context store: the three tables in one RocksDB database on local disk (a
 * directory), kept across restarts, with the same keys, indexes, expiry and cursors as DynamoDB. One
 * process at a time may open it (RocksDB locks it). Expired items are skipped by every read and
 * replaced by a create; they stay on disk until purged ({@link #purgeExpired}, which archives them
 * first, then compacts what it removed away).
 *
 * <p>Durability: a create or update returns once its write-ahead log record is with the operating
 * system, so killing the JVM loses no acknowledged write ({@link Durability#PROCESS_CRASH}, the
 * default); {@link Durability#POWER_LOSS} also forces the log to the device on every write. Why
 * RocksDB and not the H2 MVStore of before, with figures: docs/adr/0005-embedded-context-store.md.
 */
public final class EmbeddedContextStore implements ContextStore {

    private static final System.Logger LOG = System.getLogger(EmbeddedContextStore.class.getName());

    /** What an acknowledged write survives. */
    public enum Durability {
        /** The JVM killed ({@code kill -9}, a crash): the log is handed to the OS before a write returns. */
        PROCESS_CRASH,
        /** Also the machine losing power: the log is forced to the device (fsync) before a write returns. */
        POWER_LOSS
    }

    private final Resources resources;
    private final ContextTables tables;
    private final EmbeddedGlobalContextRepository global;
    private final EmbeddedInvestigationContextRepository investigations;
    private final EmbeddedAgentContextRepository agents;
    private final Clock clock;
    private final List<EmbeddedTable> allTables = new ArrayList<>();

    private EmbeddedContextStore(Resources resources, ContextTables tables, Clock clock, CursorCodec cursors) {
        this.resources = resources;
        this.tables = tables;
        this.clock = clock;
        this.global = new EmbeddedGlobalContextRepository(
                table(ContextTables.GLOBAL), tables.nameOf(ContextTables.GLOBAL), clock, cursors);
        this.investigations = new EmbeddedInvestigationContextRepository(
                table(ContextTables.INVESTIGATION), tables.nameOf(ContextTables.INVESTIGATION), clock, cursors);
        this.agents = new EmbeddedAgentContextRepository(
                table(ContextTables.AGENT), tables.nameOf(ContextTables.AGENT), clock, cursors);
    }

    /**
     * Opens (or creates) the store at {@code location}, a directory; its parents are created. A
     * regular file there is a store of the old MVStore layout: it is moved aside to {@code
     * <name>.mvstore-old} (nothing reads it any more) and a new store is created.
     *
     * @throws ContextStoreException the store cannot be opened, for example because another process
     *     holds it
     */
    public static EmbeddedContextStore open(
            Path location, ContextTables tables, Clock clock, CursorCodec cursors, Durability durability) {
        Objects.requireNonNull(tables, "tables");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(cursors, "cursors");
        Objects.requireNonNull(durability, "durability");
        Path directory = location.toAbsolutePath();
        try {
            if (Files.isRegularFile(directory)) {
                Path aside = directory.resolveSibling(directory.getFileName() + ".mvstore-old");
                Files.move(directory, aside, StandardCopyOption.REPLACE_EXISTING);
                LOG.log(
                        Level.WARNING,
                        "{0} is a context store of the old MVStore layout; moved to {1} and not read:"
                                + " a new store starts empty",
                        directory,
                        aside);
            }
            Files.createDirectories(directory);
            return new EmbeddedContextStore(Resources.open(directory, tables, durability), tables, clock, cursors);
        } catch (IOException | RocksDBException | ContextStoreException e) {
            throw new ContextStoreException(
                    "cannot open the context store file " + location + ": " + e.getMessage(), e);
        }
    }

    public static EmbeddedContextStore open(Path location, ContextTables tables, Clock clock, CursorCodec cursors) {
        return open(location, tables, clock, cursors, Durability.PROCESS_CRASH);
    }

    public static EmbeddedContextStore open(Path location, ContextTables tables) {
        return open(location, tables, Clock.systemUTC(), CursorCodec.create());
    }

    private EmbeddedTable table(ContextTables.Table table) {
        String name = tables.nameOf(table);
        Map<String, ColumnFamilyHandle> indexes = new LinkedHashMap<>();
        table.indexes().forEach(index -> indexes.put(index.name(), resources.family(name + "/" + index.name())));
        EmbeddedTable embedded = new EmbeddedTable(
                resources.db, table, name, resources.family(name), indexes, resources.writeOptions, clock);
        allTables.add(embedded);
        return embedded;
    }

    /**
     * Archives the expired entries of every table, one batch per partition (reason {@code
     * ttl-expiry}), and removes each group only after its batch is written. An archive failure stops
     * the purge with the rest still in the file; the next purge tries again. A batch's id is derived
     * from its items' keys and versions, so a purge repeated after a crash rewrites the same object.
     */
    @Override
    public int purgeExpired(ContextArchive archive) {
        Objects.requireNonNull(archive, "archive");
        int purged = 0;
        for (EmbeddedTable table : allTables) {
            int removed = table.purgeExpired(items -> {
                Instant now = clock.instant();
                archive.archive(ArchiveBatch.of(
                        table.definition(),
                        batchId(table.definition(), items),
                        now,
                        items.stream()
                                .map(item -> new ArchivedEntry(item, ArchiveReason.TTL_EXPIRY, now))
                                .toList()));
            });
            if (removed > 0) {
                // the deletes are tombstones until compaction drops them with the data they cover
                compact(table);
            }
            purged += removed;
        }
        return purged;
    }

    /** Rewrites every table's data without what was deleted or overwritten (after a purge; for benchmarks). */
    public void compact() {
        allTables.forEach(this::compact);
    }

    private void compact(EmbeddedTable table) {
        try {
            for (ColumnFamilyHandle family : table.families()) {
                resources.db.compactRange(family);
            }
        } catch (RocksDBException e) {
            throw new ContextStoreException("compacting the embedded context store failed: " + e.getMessage(), e);
        }
    }

    private static String batchId(ContextTables.Table table, List<Map<String, String>> items) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Map<String, String> item : items) {
                for (String part : new String[] {
                    item.get(table.partitionKey()), item.get(table.sortKey()), item.get(ContextTables.VERSION)
                }) {
                    sha.update(part.getBytes(StandardCharsets.UTF_8));
                    sha.update((byte) 0);
                }
            }
            return "expired-" + HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public GlobalContextRepository global() {
        return global;
    }

    @Override
    public InvestigationContextRepository investigations() {
        return investigations;
    }

    @Override
    public AgentContextRepository agents() {
        return agents;
    }

    @Override
    public ContextTables tables() {
        return tables;
    }

    /** The column families on disk (tables of every environment, and their indexes). */
    public Set<String> storedMapNames() {
        return resources.familyNames();
    }

    @Override
    public void close() {
        resources.close();
    }

    /**
     * The database and what it was opened with. Memory is bounded for a store that shares its JVM
     * with the whole fleet: one 32 MB block cache and 8 MB write buffers (two per family) for every
     * column family; LZ4 for blocks, ZSTD for the bottommost level (the bulk of the data); at most
     * 64 MB of write-ahead log before memtables are flushed and old logs deleted.
     */
    private static final class Resources implements AutoCloseable {
        final RocksDB db;
        final WriteOptions writeOptions;
        private final DBOptions options;
        private final ColumnFamilyOptions familyOptions;
        private final LRUCache cache;
        private final Map<String, ColumnFamilyHandle> families = new LinkedHashMap<>();

        private Resources(
                RocksDB db,
                WriteOptions writeOptions,
                DBOptions options,
                ColumnFamilyOptions familyOptions,
                LRUCache cache) {
            this.db = db;
            this.writeOptions = writeOptions;
            this.options = options;
            this.familyOptions = familyOptions;
            this.cache = cache;
        }

        static Resources open(Path directory, ContextTables tables, Durability durability) throws RocksDBException {
            RocksDB.loadLibrary();
            LRUCache cache = new LRUCache(32L << 20);
            ColumnFamilyOptions familyOptions = RocksDbTuning.columnFamilyOptions(cache);
            DBOptions options = RocksDbTuning.databaseOptions(64L << 20);
            WriteOptions writeOptions = new WriteOptions().setSync(durability == Durability.POWER_LOSS);
            Set<String> names = new LinkedHashSet<>();
            names.add(new String(RocksDB.DEFAULT_COLUMN_FAMILY, StandardCharsets.UTF_8));
            if (Files.exists(directory.resolve("CURRENT"))) {
                try (Options listing = new Options()) {
                    RocksDB.listColumnFamilies(listing, directory.toString())
                            .forEach(n -> names.add(new String(n, StandardCharsets.UTF_8)));
                }
            }
            for (ContextTables.Table table : ContextTables.all()) {
                String name = tables.nameOf(table);
                names.add(name);
                table.indexes().forEach(index -> names.add(name + "/" + index.name()));
            }
            List<ColumnFamilyDescriptor> descriptors = names.stream()
                    .map(n -> new ColumnFamilyDescriptor(n.getBytes(StandardCharsets.UTF_8), familyOptions))
                    .toList();
            List<ColumnFamilyHandle> handles = new ArrayList<>();
            RocksDB db;
            try {
                db = RocksDB.open(options, directory.toString(), descriptors, handles);
            } catch (RocksDBException e) {
                writeOptions.close();
                options.close();
                familyOptions.close();
                cache.close();
                throw e;
            }
            Resources resources = new Resources(db, writeOptions, options, familyOptions, cache);
            List<String> ordered = List.copyOf(names);
            for (int i = 0; i < handles.size(); i++) {
                resources.families.put(ordered.get(i), handles.get(i));
            }
            return resources;
        }

        ColumnFamilyHandle family(String name) {
            return Objects.requireNonNull(families.get(name), name);
        }

        Set<String> familyNames() {
            Set<String> names = new LinkedHashSet<>(families.keySet());
            names.remove(new String(RocksDB.DEFAULT_COLUMN_FAMILY, StandardCharsets.UTF_8));
            return names;
        }

        @Override
        public synchronized void close() {
            if (db.isOwningHandle()) {
                families.values().forEach(ColumnFamilyHandle::close);
                db.close();
                writeOptions.close();
                options.close();
                familyOptions.close();
                cache.close();
            }
        }
    }
}
