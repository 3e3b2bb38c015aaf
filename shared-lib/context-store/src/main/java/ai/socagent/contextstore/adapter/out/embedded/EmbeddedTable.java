package ai.socagent.contextstore.adapter.out.embedded;

import ai.socagent.contextstore.ContextAlreadyExistsException;
import ai.socagent.contextstore.ContextItems;
import ai.socagent.contextstore.ContextStoreException;
import ai.socagent.contextstore.ContextTables;
import ai.socagent.contextstore.ContextVersionConflictException;
import ai.socagent.contextstore.KeyQuery;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * One context table in RocksDB, laid out from the {@link ContextTables} catalogue: a column family
 * of items by primary key, and per index a column family of {@code <index key>0<primary key>} with
 * empty values (sparse: an item without the index's attributes is not in it). Keys are {@link
 * EmbeddedItemCodec} bytes, so RocksDB's bytewise order is DynamoDB's key order.
 *
 * <p>Writes of one table are serialised (a create must see that no live item exists; an update,
 * the version) and each is one atomic {@link WriteBatch}: the item and its index entries. A write
 * returns once RocksDB has appended it to its write-ahead log and handed that to the operating
 * system, so a killed JVM loses no acknowledged write; with {@code sync} the log is also forced to
 * the device (power loss). RocksDB groups the log writes of concurrent writers itself.
 */
final class EmbeddedTable {

    private final RocksDB db;
    private final ContextTables.Table table;
    private final String name;
    private final ColumnFamilyHandle items;
    private final Map<String, ColumnFamilyHandle> indexes;
    private final WriteOptions writeOptions;
    private final Clock clock;
    /**
     * Writes to one key are serialised (a create must see that no live item exists, an update the
     * version it expects); writes to different keys are not: one lock per stripe of primary keys, so
     * that request and delivery threads do not queue behind one table-wide lock.
     */
    private final ReentrantLock[] writes = new ReentrantLock[WRITE_STRIPES];

    private static final int WRITE_STRIPES = 64;

    EmbeddedTable(
            RocksDB db,
            ContextTables.Table table,
            String name,
            ColumnFamilyHandle items,
            Map<String, ColumnFamilyHandle> indexes,
            WriteOptions writeOptions,
            Clock clock) {
        this.db = db;
        this.table = table;
        this.name = name;
        this.items = items;
        this.indexes = indexes;
        this.writeOptions = writeOptions;
        this.clock = clock;
        for (int i = 0; i < writes.length; i++) {
            writes[i] = new ReentrantLock();
        }
    }

    private ReentrantLock stripe(byte[] primary) {
        return writes[Math.floorMod(Arrays.hashCode(primary), WRITE_STRIPES)];
    }

    /** The stripes of {@code primaries}, in stripe order (so two callers never wait on each other in a cycle). */
    private List<ReentrantLock> stripes(List<byte[]> primaries) {
        BitSet used = new BitSet(WRITE_STRIPES);
        primaries.forEach(primary -> used.set(Math.floorMod(Arrays.hashCode(primary), WRITE_STRIPES)));
        return used.stream().mapToObj(i -> writes[i]).toList();
    }

    Optional<Map<String, String>> get(String partition, String sort) {
        byte[] primary = EmbeddedItemCodec.key(partition, sort);
        return live(primary, read(primary));
    }

    /** Stores a new item at version 1; an expired item with the same key is replaced. */
    Map<String, String> create(Map<String, String> item) {
        byte[] primary = primaryKey(item);
        ReentrantLock lock = stripe(primary);
        lock.lock();
        try {
            byte[] current = read(primary);
            if (current != null && !expired(current)) {
                throw new ContextAlreadyExistsException(name, describe(item));
            }
            item.put(ContextTables.VERSION, "1");
            write(primary, item, current);
            return item;
        } finally {
            lock.unlock();
        }
    }

    /** Replaces the live item at {@code expectedVersion} with this one at the next version. */
    Map<String, String> replace(Map<String, String> item, long expectedVersion) {
        byte[] primary = primaryKey(item);
        ReentrantLock lock = stripe(primary);
        lock.lock();
        try {
            byte[] current = read(primary);
            Optional<Map<String, String>> stored = live(primary, current);
            if (stored.isEmpty() || Long.parseLong(stored.get().get(ContextTables.VERSION)) != expectedVersion) {
                throw new ContextVersionConflictException(name, describe(item), expectedVersion);
            }
            item.put(ContextTables.VERSION, Long.toString(expectedVersion + 1));
            write(primary, item, current);
            return item;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Up to {@code limit} live items of the query after {@code start} (exclusive; null for the first
     * page), and the position of the last one when another live item follows.
     */
    QueryResult query(KeyQuery query, Map<String, String> start, int limit, boolean newestFirst) {
        ColumnFamilyHandle family = query.index() == null ? items : indexes.get(query.index());
        byte[] partition = EmbeddedItemCodec.key(query.partitionValue());
        // [lower, upper): a whole partition is every key after "<partition>0"; a sort range ends
        // after every key whose sort part is sortTo itself (its index key continues with 0x00, no
        // sort value continues with a byte below 0x20)
        byte[] lower = query.wholePartition()
                ? EmbeddedItemCodec.after(partition, EmbeddedItemCodec.SEPARATOR)
                : EmbeddedItemCodec.key(query.partitionValue(), query.sortFrom());
        byte[] upper = query.wholePartition()
                ? EmbeddedItemCodec.after(partition, (byte) 1)
                : EmbeddedItemCodec.after(EmbeddedItemCodec.key(query.partitionValue(), query.sortTo()), (byte) 1);
        byte[] startKey = start == null ? null : mapKey(query, start);
        List<Map<String, String>> found = new ArrayList<>();
        Map<String, String> last = null;
        try (Slice lowerBound = new Slice(lower);
                Slice upperBound = new Slice(upper);
                ReadOptions options =
                        new ReadOptions().setIterateLowerBound(lowerBound).setIterateUpperBound(upperBound);
                RocksIterator keys = db.newIterator(family, options)) {
            if (newestFirst) {
                keys.seekForPrev(startKey != null ? startKey : upper);
            } else {
                keys.seek(startKey != null ? startKey : lower);
            }
            for (; keys.isValid(); step(keys, newestFirst)) {
                byte[] key = keys.key();
                if (startKey != null && Arrays.equals(key, startKey)) {
                    continue;
                }
                byte[] primary = query.index() == null ? key : EmbeddedItemCodec.primaryOfIndexKey(key);
                byte[] value = query.index() == null ? keys.value() : read(primary);
                Optional<Map<String, String>> item = live(primary, value);
                if (item.isEmpty()) {
                    continue;
                }
                if (found.size() == limit) {
                    return new QueryResult(found, position(query, last));
                }
                found.add(item.get());
                last = item.get();
            }
            keys.status();
        } catch (RocksDBException e) {
            throw failure("query", e);
        }
        return new QueryResult(found, null);
    }

    private static void step(RocksIterator keys, boolean backwards) {
        if (backwards) {
            keys.prev();
        } else {
            keys.next();
        }
    }

    ContextTables.Table definition() {
        return table;
    }

    List<ColumnFamilyHandle> families() {
        List<ColumnFamilyHandle> all = new ArrayList<>(List.of(items));
        all.addAll(indexes.values());
        return all;
    }

    /**
     * Removes expired items, one partition at a time: each group goes to {@code archiver} first, and
     * is removed only when it returns. Items are re-read under their keys' write locks just before, so
     * an item replaced by a create meanwhile is neither archived nor removed.
     *
     * @return how many items were removed
     */
    int purgeExpired(Consumer<List<Map<String, String>>> archiver) {
        Map<String, List<byte[]>> expiredByPartition = new LinkedHashMap<>();
        try (RocksIterator all = db.newIterator(items)) {
            for (all.seekToFirst(); all.isValid(); all.next()) {
                if (expired(all.value())) {
                    byte[] primary = all.key();
                    expiredByPartition
                            .computeIfAbsent(EmbeddedItemCodec.parts(primary)[0], p -> new ArrayList<>())
                            .add(primary);
                }
            }
            all.status();
        } catch (RocksDBException e) {
            throw failure("purge", e);
        }
        int purged = 0;
        for (List<byte[]> primaries : expiredByPartition.values()) {
            List<ReentrantLock> locks = stripes(primaries);
            locks.forEach(ReentrantLock::lock);
            try {
                List<byte[]> keys = new ArrayList<>();
                List<Map<String, String>> group = new ArrayList<>();
                for (byte[] primary : primaries) {
                    byte[] value = read(primary);
                    if (value != null && expired(value)) {
                        keys.add(primary);
                        group.add(EmbeddedItemCodec.decode(table, primary, value));
                    }
                }
                if (group.isEmpty()) {
                    continue;
                }
                archiver.accept(List.copyOf(group));
                try (WriteBatch batch = new WriteBatch()) {
                    for (int i = 0; i < keys.size(); i++) {
                        batch.delete(items, keys.get(i));
                        for (ContextTables.Index index : table.indexes()) {
                            byte[] indexKey = indexKey(index, group.get(i), keys.get(i));
                            if (indexKey != null) {
                                batch.delete(indexes.get(index.name()), indexKey);
                            }
                        }
                    }
                    db.write(writeOptions, batch);
                } catch (RocksDBException e) {
                    throw failure("purge", e);
                }
                purged += group.size();
            } finally {
                locks.reversed().forEach(ReentrantLock::unlock);
            }
        }
        return purged;
    }

    private void write(byte[] primary, Map<String, String> item, byte[] previous) {
        try (WriteBatch batch = new WriteBatch()) {
            if (previous != null) {
                Map<String, String> old = EmbeddedItemCodec.decode(table, primary, previous);
                for (ContextTables.Index index : table.indexes()) {
                    byte[] oldKey = indexKey(index, old, primary);
                    if (oldKey != null) {
                        batch.delete(indexes.get(index.name()), oldKey);
                    }
                }
            }
            batch.put(items, primary, EmbeddedItemCodec.encode(table, item));
            for (ContextTables.Index index : table.indexes()) {
                byte[] key = indexKey(index, item, primary);
                if (key != null) {
                    batch.put(indexes.get(index.name()), key, new byte[0]);
                }
            }
            db.write(writeOptions, batch);
        } catch (RocksDBException e) {
            throw failure("write", e);
        }
    }

    private byte[] read(byte[] primary) {
        try {
            return db.get(items, primary);
        } catch (RocksDBException e) {
            throw failure("read", e);
        }
    }

    private Optional<Map<String, String>> live(byte[] primary, byte[] value) {
        if (value == null || expired(value)) {
            return Optional.empty();
        }
        return Optional.of(EmbeddedItemCodec.decode(table, primary, value));
    }

    private boolean expired(byte[] value) {
        return ContextItems.isExpired(EmbeddedItemCodec.expiresAt(value), clock);
    }

    private byte[] primaryKey(Map<String, String> item) {
        return EmbeddedItemCodec.key(item.get(table.partitionKey()), item.get(table.sortKey()));
    }

    /** Null when the item lacks the index's key attributes. */
    private static byte[] indexKey(ContextTables.Index index, Map<String, String> item, byte[] primary) {
        String partition = item.get(index.partitionKey());
        String sort = item.get(index.sortKey());
        if (partition == null || sort == null) {
            return null;
        }
        return EmbeddedItemCodec.concat(EmbeddedItemCodec.key(partition, sort), primary);
    }

    private byte[] mapKey(KeyQuery query, Map<String, String> position) {
        byte[] primary = EmbeddedItemCodec.key(position.get(table.partitionKey()), position.get(table.sortKey()));
        return query.index() == null
                ? primary
                : EmbeddedItemCodec.concat(
                        EmbeddedItemCodec.key(
                                position.get(query.partitionAttribute()), position.get(query.sortAttribute())),
                        primary);
    }

    private static Map<String, String> position(KeyQuery query, Map<String, String> item) {
        Map<String, String> position = new LinkedHashMap<>();
        query.positionAttributes().forEach(a -> position.put(a, item.get(a)));
        return position;
    }

    private String describe(Map<String, String> item) {
        return ContextItems.key(item.get(table.partitionKey()), item.get(table.sortKey()));
    }

    private ContextStoreException failure(String operation, RocksDBException e) {
        return new ContextStoreException(
                "embedded context store " + operation + " on " + name + " failed: " + e.getMessage(), e);
    }

    /** @param next the position to resume after, or null when the query is done */
    record QueryResult(List<Map<String, String>> items, Map<String, String> next) {}
}
