package ai.socagent.contextstore.adapter.out.embedded;

import ai.socagent.contextstore.ContextItems;
import ai.socagent.contextstore.ContextKeys;
import ai.socagent.contextstore.ContextTables;
import ai.socagent.contextstore.CursorCodec;
import ai.socagent.contextstore.InvestigationContextEntry;
import ai.socagent.contextstore.InvestigationContextRepository;
import ai.socagent.contextstore.KeyQuery;
import ai.socagent.contextstore.Page;
import ai.socagent.contextstore.PageRequest;
import ai.socagent.contextstore.TimeRange;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

final class EmbeddedInvestigationContextRepository implements InvestigationContextRepository {

    private final EmbeddedTable table;
    private final String tableName;
    private final Clock clock;
    private final CursorCodec cursors;

    EmbeddedInvestigationContextRepository(EmbeddedTable table, String tableName, Clock clock, CursorCodec cursors) {
        this.table = table;
        this.tableName = tableName;
        this.clock = clock;
        this.cursors = cursors;
    }

    @Override
    public InvestigationContextEntry create(InvestigationContextEntry entry) {
        return ContextItems.toInvestigation(table.create(item(entry.withVersion(1))));
    }

    @Override
    public InvestigationContextEntry update(InvestigationContextEntry entry) {
        return ContextItems.toInvestigation(
                table.replace(item(entry.withVersion(entry.version() + 1)), entry.version()));
    }

    private Map<String, String> item(InvestigationContextEntry entry) {
        Map<String, String> item = ContextItems.toItem(
                entry.withExpiresAt(ContextItems.expiry(entry.expiresAt(), ContextTables.INVESTIGATION, clock)));
        ContextItems.requireWithinItemLimit(tableName, item);
        return item;
    }

    @Override
    public Optional<InvestigationContextEntry> find(String investigationId, String contextLevel, Instant timestamp) {
        return table.get(investigationId, ContextKeys.composite(contextLevel, timestamp))
                .map(ContextItems::toInvestigation);
    }

    @Override
    public Page<InvestigationContextEntry> findByLevel(
            String investigationId, String contextLevel, TimeRange range, PageRequest page) {
        return EmbeddedQueries.page(
                table,
                KeyQuery.investigationByLevel(investigationId, contextLevel, range),
                page,
                cursors,
                ContextItems::toInvestigation);
    }

    @Override
    public Page<InvestigationContextEntry> findByInvestigation(String investigationId, PageRequest page) {
        return EmbeddedQueries.page(
                table, KeyQuery.investigationAll(investigationId), page, cursors, ContextItems::toInvestigation);
    }

    @Override
    public Page<InvestigationContextEntry> findByAgent(
            String investigationId, String agentId, TimeRange range, PageRequest page) {
        return EmbeddedQueries.page(
                table,
                KeyQuery.investigationByAgent(investigationId, agentId, range),
                page,
                cursors,
                ContextItems::toInvestigation);
    }
}
