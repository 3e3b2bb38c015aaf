package ai.socagent.contextstore.adapter.out.dynamodb;

import ai.socagent.contextstore.ContextItems;
import ai.socagent.contextstore.ContextKeys;
import ai.socagent.contextstore.ContextTables;
import ai.socagent.contextstore.GlobalContextEntry;
import ai.socagent.contextstore.GlobalContextRepository;
import ai.socagent.contextstore.KeyQuery;
import ai.socagent.contextstore.Page;
import ai.socagent.contextstore.PageRequest;
import ai.socagent.contextstore.TimeRange;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.Key;

final class DynamoDbGlobalContextRepository implements GlobalContextRepository {

    private final DynamoDbContextTable<GlobalContextItem> table;
    private final Clock clock;

    DynamoDbGlobalContextRepository(DynamoDbContextTable<GlobalContextItem> table, Clock clock) {
        this.table = table;
        this.clock = clock;
    }

    @Override
    public GlobalContextEntry create(GlobalContextEntry entry) {
        GlobalContextEntry stored = prepare(entry, 1);
        table.create(ContextItemMapper.toItem(stored, null), key(stored.contextType(), stored.sortKey()));
        return stored;
    }

    @Override
    public GlobalContextEntry update(GlobalContextEntry entry) {
        GlobalContextEntry stored = prepare(entry, entry.version() + 1);
        table.replace(
                ContextItemMapper.toItem(stored, entry.version()),
                key(stored.contextType(), stored.sortKey()),
                entry.version());
        return stored;
    }

    private GlobalContextEntry prepare(GlobalContextEntry entry, long newVersion) {
        GlobalContextEntry stored = entry.withVersion(newVersion)
                .withExpiresAt(ContextItems.expiry(entry.expiresAt(), ContextTables.GLOBAL, clock));
        ContextItems.requireWithinItemLimit(table.name(), ContextItems.toItem(stored));
        return stored;
    }

    @Override
    public Optional<GlobalContextEntry> find(String contextType, Instant timestamp, String itemId) {
        return table.get(key(contextType, ContextKeys.instantAndId(timestamp, itemId)))
                .map(ContextItemMapper::toEntry);
    }

    @Override
    public Page<GlobalContextEntry> findByContextType(String contextType, TimeRange range, PageRequest page) {
        return table.query(KeyQuery.globalByContextType(contextType, range), page, ContextItemMapper::toEntry);
    }

    @Override
    public Page<GlobalContextEntry> findByThreatType(String threatType, TimeRange range, PageRequest page) {
        return table.query(KeyQuery.globalByThreatType(threatType, range), page, ContextItemMapper::toEntry);
    }

    @Override
    public Page<GlobalContextEntry> findBySeverity(String severity, TimeRange range, PageRequest page) {
        return table.query(KeyQuery.globalBySeverity(severity, range), page, ContextItemMapper::toEntry);
    }

    private static Key key(String contextType, String sortKey) {
        return Key.builder().partitionValue(contextType).sortValue(sortKey).build();
    }
}
