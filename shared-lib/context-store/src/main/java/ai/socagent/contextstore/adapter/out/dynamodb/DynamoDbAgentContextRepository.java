package ai.socagent.contextstore.adapter.out.dynamodb;

import ai.socagent.contextstore.AgentContextEntry;
import ai.socagent.contextstore.AgentContextRepository;
import ai.socagent.contextstore.ContextItems;
import ai.socagent.contextstore.ContextKeys;
import ai.socagent.contextstore.ContextTables;
import ai.socagent.contextstore.KeyQuery;
import ai.socagent.contextstore.Page;
import ai.socagent.contextstore.PageRequest;
import ai.socagent.contextstore.TimeRange;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.Key;

final class DynamoDbAgentContextRepository implements AgentContextRepository {

    private final DynamoDbContextTable<AgentContextItem> table;
    private final Clock clock;

    DynamoDbAgentContextRepository(DynamoDbContextTable<AgentContextItem> table, Clock clock) {
        this.table = table;
        this.clock = clock;
    }

    @Override
    public AgentContextEntry create(AgentContextEntry entry) {
        AgentContextEntry stored = prepare(entry, 1);
        table.create(ContextItemMapper.toItem(stored, null), key(stored));
        return stored;
    }

    @Override
    public AgentContextEntry update(AgentContextEntry entry) {
        AgentContextEntry stored = prepare(entry, entry.version() + 1);
        table.replace(ContextItemMapper.toItem(stored, entry.version()), key(stored), entry.version());
        return stored;
    }

    private AgentContextEntry prepare(AgentContextEntry entry, long newVersion) {
        AgentContextEntry stored = entry.withVersion(newVersion)
                .withExpiresAt(ContextItems.expiry(entry.expiresAt(), ContextTables.AGENT, clock));
        ContextItems.requireWithinItemLimit(table.name(), ContextItems.toItem(stored));
        return stored;
    }

    @Override
    public Optional<AgentContextEntry> find(String agentId, String sessionId, Instant timestamp) {
        return table.get(key(agentId, sessionId, timestamp)).map(ContextItemMapper::toEntry);
    }

    @Override
    public Page<AgentContextEntry> findBySession(String agentId, String sessionId, TimeRange range, PageRequest page) {
        return table.query(KeyQuery.agentBySession(agentId, sessionId, range), page, ContextItemMapper::toEntry);
    }

    private static Key key(AgentContextEntry entry) {
        return key(entry.agentId(), entry.sessionId(), entry.timestamp());
    }

    private static Key key(String agentId, String sessionId, Instant timestamp) {
        return Key.builder()
                .partitionValue(agentId)
                .sortValue(ContextKeys.composite(sessionId, timestamp))
                .build();
    }
}
