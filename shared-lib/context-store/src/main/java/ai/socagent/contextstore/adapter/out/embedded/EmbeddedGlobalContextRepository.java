package ai.socagent.contextstore.adapter.out.embedded;

import ai.socagent.contextstore.ContextItems;
import ai.socagent.contextstore.ContextKeys;
import ai.socagent.contextstore.ContextTables;
import ai.socagent.contextstore.CursorCodec;
import ai.socagent.contextstore.GlobalContextEntry;
import ai.socagent.contextstore.GlobalContextRepository;
import ai.socagent.contextstore.KeyQuery;
import ai.socagent.contextstore.Page;
import ai.socagent.contextstore.PageRequest;
import ai.socagent.contextstore.TimeRange;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

final class EmbeddedGlobalContextRepository implements GlobalContextRepository {

    private final EmbeddedTable table;
    private final String tableName;
    private final Clock clock;
    private final CursorCodec cursors;

    EmbeddedGlobalContextRepository(EmbeddedTable table, String tableName, Clock clock, CursorCodec cursors) {
        this.table = table;
        this.tableName = tableName;
        this.clock = clock;
        this.cursors = cursors;
    }

    @Override
    public GlobalContextEntry create(GlobalContextEntry entry) {
        return ContextItems.toGlobal(table.create(item(entry.withVersion(1))));
    }

    @Override
    public GlobalContextEntry update(GlobalContextEntry entry) {
        return ContextItems.toGlobal(table.replace(item(entry.withVersion(entry.version() + 1)), entry.version()));
    }

    private Map<String, String> item(GlobalContextEntry entry) {
        Map<String, String> item = ContextItems.toItem(
                entry.withExpiresAt(ContextItems.expiry(entry.expiresAt(), ContextTables.GLOBAL, clock)));
        ContextItems.requireWithinItemLimit(tableName, item);
        return item;
    }

    @Override
    public Optional<GlobalContextEntry> find(String contextType, Instant timestamp, String itemId) {
        return table.get(contextType, ContextKeys.instantAndId(timestamp, itemId))
                .map(ContextItems::toGlobal);
    }

    @Override
    public Page<GlobalContextEntry> findByContextType(String contextType, TimeRange range, PageRequest page) {
        return EmbeddedQueries.page(
                table, KeyQuery.globalByContextType(contextType, range), page, cursors, ContextItems::toGlobal);
    }

    @Override
    public Page<GlobalContextEntry> findByThreatType(String threatType, TimeRange range, PageRequest page) {
        return EmbeddedQueries.page(
                table, KeyQuery.globalByThreatType(threatType, range), page, cursors, ContextItems::toGlobal);
    }

    @Override
    public Page<GlobalContextEntry> findBySeverity(String severity, TimeRange range, PageRequest page) {
        return EmbeddedQueries.page(
                table, KeyQuery.globalBySeverity(severity, range), page, cursors, ContextItems::toGlobal);
    }
}
