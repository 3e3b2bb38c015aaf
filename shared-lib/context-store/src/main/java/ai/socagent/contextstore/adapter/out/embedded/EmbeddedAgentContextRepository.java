package ai.socagent.contextstore.adapter.out.embedded;

import ai.socagent.contextstore.AgentContextEntry;
import ai.socagent.contextstore.AgentContextRepository;
import ai.socagent.contextstore.ContextItems;
import ai.socagent.contextstore.ContextKeys;
import ai.socagent.contextstore.ContextTables;
import ai.socagent.contextstore.CursorCodec;
import ai.socagent.contextstore.KeyQuery;
import ai.socagent.contextstore.Page;
import ai.socagent.contextstore.PageRequest;
import ai.socagent.contextstore.TimeRange;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

final class EmbeddedAgentContextRepository implements AgentContextRepository {

    private final EmbeddedTable table;
    private final String tableName;
    private final Clock clock;
    private final CursorCodec cursors;

    EmbeddedAgentContextRepository(EmbeddedTable table, String tableName, Clock clock, CursorCodec cursors) {
        this.table = table;
        this.tableName = tableName;
        this.clock = clock;
        this.cursors = cursors;
    }

    @Override
    public AgentContextEntry create(AgentContextEntry entry) {
        return ContextItems.toAgent(table.create(item(entry.withVersion(1))));
    }

    @Override
    public AgentContextEntry update(AgentContextEntry entry) {
        return ContextItems.toAgent(table.replace(item(entry.withVersion(entry.version() + 1)), entry.version()));
    }

    private Map<String, String> item(AgentContextEntry entry) {
        Map<String, String> item = ContextItems.toItem(
                entry.withExpiresAt(ContextItems.expiry(entry.expiresAt(), ContextTables.AGENT, clock)));
        ContextItems.requireWithinItemLimit(tableName, item);
        return item;
    }

    @Override
    public Optional<AgentContextEntry> find(String agentId, String sessionId, Instant timestamp) {
        return table.get(agentId, ContextKeys.composite(sessionId, timestamp)).map(ContextItems::toAgent);
    }

    @Override
    public Page<AgentContextEntry> findBySession(String agentId, String sessionId, TimeRange range, PageRequest page) {
        return EmbeddedQueries.page(
                table, KeyQuery.agentBySession(agentId, sessionId, range), page, cursors, ContextItems::toAgent);
    }
}
