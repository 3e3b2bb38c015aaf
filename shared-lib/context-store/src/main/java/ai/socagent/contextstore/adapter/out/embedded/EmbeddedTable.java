package ai.socagent.contextstore.adapter.out.embedded;

import ai.socagent.contextstore.ContextAlreadyExistsException;
import ai.socagent.contextstore.ContextItems;
import ai.socagent.contextstore.ContextTables;
import ai.socagent.contextstore.ContextVersionConflictException;
import ai.socagent.contextstore.KeyQuery;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * One context table as MVStore maps, laid out from the {@link ContextTables} catalogue: the items by
 * primary key, and per index a map from index key to primary key. Map keys join key values with
 * U+0000 (key values hold no control characters), so the maps' string order is DynamoDB's key order
 * within a partition. Writes are serialised per table and committed before they return.
 */
final class EmbeddedTable {

    private static final char SEPARATOR = '\u0000';
    private static final String AFTER_ALL = "\u0000\uffff";
    private static final TypeReference<LinkedHashMap<String, String>> ITEM = new TypeReference<>() {};

    private final MVStore store;
    private final ContextTables.Table table;
    private final String name;
    private final MVMap<String, String> items;
    private final Map<String, MVMap<String, String>> indexes = new HashMap<>();
    private final ObjectMapper json;
    private final Clock clock;

    EmbeddedTable(MVStore store, ContextTables.Table table, String name, ObjectMapper json, Clock clock) {
        this.store = store;
        this.table = table;
        this.name = name;
        this.json = json;
        this.clock = clock;
        this.items = store.openMap(name);
        table.indexes().forEach(index -> indexes.put(index.name(), store.openMap(name + "/" + index.name())));
    }

    synchronized Optional<Map<String, String>> get(String partition, String sort) {
        return live(items.get(join(partition, sort)));
    }

    /** Stores a new item at version 1; an expired item with the same key is replaced. */
    synchronized Map<String, String> create(Map<String, String> item) {
        String primary = primaryKey(item);
        if (live(items.get(primary)).isPresent()) {
            throw new ContextAlreadyExistsException(name, describe(item));
        }
        item.put(ContextTables.VERSION, "1");
        write(primary, item);
        return item;
    }

    /** Replaces the live item at {@code expectedVersion} with this one at the next version. */
    synchronized Map<String, String> replace(Map<String, String> item, long expectedVersion) {
        String primary = primaryKey(item);
        Optional<Map<String, String>> current = live(items.get(primary));
        if (current.isEmpty() || Long.parseLong(current.get().get(ContextTables.VERSION)) != expectedVersion) {
            throw new ContextVersionConflictException(name, describe(item), expectedVersion);
        }
        item.put(ContextTables.VERSION, Long.toString(expectedVersion + 1));
        write(primary, item);
        return item;
    }

    /**
     * Up to {@code limit} live items of the query after {@code start} (exclusive; null for the first
     * page), and the position of the last one when another live item follows.
     */
    synchronized QueryResult query(KeyQuery query, Map<String, String> start, int limit, boolean newestFirst) {
        MVMap<String, String> map = query.index() == null ? items : indexes.get(query.index());
        String lower = join(query.partitionValue(), query.sortFrom());
        String upper = join(query.partitionValue(), query.sortTo()) + AFTER_ALL;
        String startKey = start == null ? null : mapKey(query, start);
        Iterator<String> keys = newestFirst
                ? map.keyIteratorReverse(startKey != null ? startKey : upper)
                : map.keyIterator(startKey != null ? startKey : lower);
        List<Map<String, String>> found = new ArrayList<>();
        Map<String, String> last = null;
        while (keys.hasNext()) {
            String key = keys.next();
            if (key.equals(startKey)) {
                continue;
            }
            if (newestFirst ? key.compareTo(lower) < 0 : key.compareTo(upper) > 0) {
                break;
            }
            if (!newestFirst && key.compareTo(lower) < 0 || newestFirst && key.compareTo(upper) > 0) {
                continue;
            }
            String primary = query.index() == null ? key : map.get(key);
            Optional<Map<String, String>> item = live(items.get(primary));
            if (item.isEmpty()) {
                continue;
            }
            if (found.size() == limit) {
                return new QueryResult(found, position(query, last));
            }
            found.add(item.get());
            last = item.get();
        }
        return new QueryResult(found, null);
    }

    ContextTables.Table definition() {
        return table;
    }

    /**
     * Removes expired items, one partition at a time: each group goes to {@code archiver} first, and
     * is removed only when it returns. Items are re-read under the table's lock just before, so an
     * item replaced by a create meanwhile is neither archived nor removed.
     *
     * @return how many items were removed
     */
    int purgeExpired(Consumer<List<Map<String, String>>> archiver) {
        Map<String, List<String>> expiredByPartition = new LinkedHashMap<>();
        synchronized (this) {
            for (Map.Entry<String, String> stored : items.entrySet()) {
                Map<String, String> item = json.readValue(stored.getValue(), ITEM);
                if (expired(item)) {
                    expiredByPartition
                            .computeIfAbsent(item.get(table.partitionKey()), p -> new ArrayList<>())
                            .add(stored.getKey());
                }
            }
        }
        int purged = 0;
        for (List<String> primaries : expiredByPartition.values()) {
            synchronized (this) {
                Map<String, Map<String, String>> group = new LinkedHashMap<>();
                for (String primary : primaries) {
                    String stored = items.get(primary);
                    if (stored != null) {
                        Map<String, String> item = json.readValue(stored, ITEM);
                        if (expired(item)) {
                            group.put(primary, item);
                        }
                    }
                }
                if (group.isEmpty()) {
                    continue;
                }
                archiver.accept(List.copyOf(group.values()));
                group.forEach((primary, item) -> {
                    items.remove(primary);
                    table.indexes()
                            .forEach(index -> indexKey(index, item).ifPresent(indexes.get(index.name())::remove));
                });
                store.commit();
                purged += group.size();
            }
        }
        return purged;
    }

    private boolean expired(Map<String, String> item) {
        return ContextItems.isExpired(Long.parseLong(item.get(ContextTables.EXPIRES_AT)), clock);
    }

    private void write(String primary, Map<String, String> item) {
        String previous = items.put(primary, json.writeValueAsString(item));
        if (previous != null) {
            Map<String, String> old = json.readValue(previous, ITEM);
            table.indexes().forEach(index -> indexKey(index, old).ifPresent(indexes.get(index.name())::remove));
        }
        table.indexes()
                .forEach(index -> indexKey(index, item)
                        .ifPresent(k -> indexes.get(index.name()).put(k, primary)));
        store.commit();
    }

    private Optional<Map<String, String>> live(String stored) {
        if (stored == null) {
            return Optional.empty();
        }
        Map<String, String> item = json.readValue(stored, ITEM);
        return ContextItems.isExpired(Long.parseLong(item.get(ContextTables.EXPIRES_AT)), clock)
                ? Optional.empty()
                : Optional.of(item);
    }

    private String primaryKey(Map<String, String> item) {
        return join(item.get(table.partitionKey()), item.get(table.sortKey()));
    }

    /** Sparse: an item without the index's key attributes is not in the index. */
    private Optional<String> indexKey(ContextTables.Index index, Map<String, String> item) {
        String partition = item.get(index.partitionKey());
        String sort = item.get(index.sortKey());
        if (partition == null || sort == null) {
            return Optional.empty();
        }
        return Optional.of(join(partition, sort) + SEPARATOR + primaryKey(item));
    }

    private String mapKey(KeyQuery query, Map<String, String> position) {
        String primary = join(position.get(table.partitionKey()), position.get(table.sortKey()));
        return query.index() == null
                ? primary
                : join(position.get(query.partitionAttribute()), position.get(query.sortAttribute()))
                        + SEPARATOR
                        + primary;
    }

    private static Map<String, String> position(KeyQuery query, Map<String, String> item) {
        Map<String, String> position = new LinkedHashMap<>();
        query.positionAttributes().forEach(a -> position.put(a, item.get(a)));
        return position;
    }

    private String describe(Map<String, String> item) {
        return ContextItems.key(item.get(table.partitionKey()), item.get(table.sortKey()));
    }

    private static String join(String partition, String sort) {
        return partition + SEPARATOR + sort;
    }

    /** @param next the position to resume after, or null when the query is done */
    record QueryResult(List<Map<String, String>> items, Map<String, String> next) {}
}
