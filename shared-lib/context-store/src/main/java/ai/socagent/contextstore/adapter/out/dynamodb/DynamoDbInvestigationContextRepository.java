package ai.socagent.contextstore.adapter.out.dynamodb;

import ai.socagent.contextstore.ContextItems;
import ai.socagent.contextstore.ContextKeys;
import ai.socagent.contextstore.ContextTables;
import ai.socagent.contextstore.InvestigationContextEntry;
import ai.socagent.contextstore.InvestigationContextRepository;
import ai.socagent.contextstore.KeyQuery;
import ai.socagent.contextstore.Page;
import ai.socagent.contextstore.PageRequest;
import ai.socagent.contextstore.TimeRange;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.Key;

final class DynamoDbInvestigationContextRepository implements InvestigationContextRepository {

    private final DynamoDbContextTable<InvestigationContextItem> table;
    private final Clock clock;

    DynamoDbInvestigationContextRepository(DynamoDbContextTable<InvestigationContextItem> table, Clock clock) {
        this.table = table;
        this.clock = clock;
    }

    @Override
    public InvestigationContextEntry create(InvestigationContextEntry entry) {
        InvestigationContextEntry stored = prepare(entry, 1);
        table.create(ContextItemMapper.toItem(stored, null), key(stored));
        return stored;
    }

    @Override
    public InvestigationContextEntry update(InvestigationContextEntry entry) {
        InvestigationContextEntry stored = prepare(entry, entry.version() + 1);
        table.replace(ContextItemMapper.toItem(stored, entry.version()), key(stored), entry.version());
        return stored;
    }

    private InvestigationContextEntry prepare(InvestigationContextEntry entry, long newVersion) {
        InvestigationContextEntry stored = entry.withVersion(newVersion)
                .withExpiresAt(ContextItems.expiry(entry.expiresAt(), ContextTables.INVESTIGATION, clock));
        ContextItems.requireWithinItemLimit(table.name(), ContextItems.toItem(stored));
        return stored;
    }

    @Override
    public Optional<InvestigationContextEntry> find(String investigationId, String contextLevel, Instant timestamp) {
        return table.get(key(investigationId, contextLevel, timestamp)).map(ContextItemMapper::toEntry);
    }

    @Override
    public Page<InvestigationContextEntry> findByLevel(
            String investigationId, String contextLevel, TimeRange range, PageRequest page) {
        return table.query(
                KeyQuery.investigationByLevel(investigationId, contextLevel, range), page, ContextItemMapper::toEntry);
    }

    @Override
    public Page<InvestigationContextEntry> findByInvestigation(String investigationId, PageRequest page) {
        return table.query(KeyQuery.investigationAll(investigationId), page, ContextItemMapper::toEntry);
    }

    @Override
    public Page<InvestigationContextEntry> findByAgent(
            String investigationId, String agentId, TimeRange range, PageRequest page) {
        return table.query(
                KeyQuery.investigationByAgent(investigationId, agentId, range), page, ContextItemMapper::toEntry);
    }

    private static Key key(InvestigationContextEntry entry) {
        return key(entry.investigationId(), entry.contextLevel(), entry.timestamp());
    }

    private static Key key(String investigationId, String contextLevel, Instant timestamp) {
        return Key.builder()
                .partitionValue(investigationId)
                .sortValue(ContextKeys.composite(contextLevel, timestamp))
                .build();
    }
}
