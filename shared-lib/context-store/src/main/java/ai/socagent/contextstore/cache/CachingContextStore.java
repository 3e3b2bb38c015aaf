package ai.socagent.contextstore.cache;

import ai.socagent.contextstore.AgentContextEntry;
import ai.socagent.contextstore.AgentContextRepository;
import ai.socagent.contextstore.ContextKeys;
import ai.socagent.contextstore.ContextStore;
import ai.socagent.contextstore.ContextTables;
import ai.socagent.contextstore.ContextTimestamps;
import ai.socagent.contextstore.ContextVersionConflictException;
import ai.socagent.contextstore.GlobalContextEntry;
import ai.socagent.contextstore.GlobalContextRepository;
import ai.socagent.contextstore.InvestigationContextEntry;
import ai.socagent.contextstore.InvestigationContextRepository;
import ai.socagent.contextstore.Page;
import ai.socagent.contextstore.PageRequest;
import ai.socagent.contextstore.TimeRange;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link ContextStore} whose point reads ({@code find} by full key) go through the cache tiers of
 * a {@link TieredContextCache}, and whose writes ({@code create}, {@code update}) go to the store
 * first and then replace the cached copies. Queries and pages are not cached: they go straight to
 * the store. Closing it closes the store underneath (not the shared L2).
 */
public final class CachingContextStore implements ContextStore {

    private final ContextStore delegate;
    private final TieredContextCache cache;
    private final GlobalContextRepository global;
    private final InvestigationContextRepository investigations;
    private final AgentContextRepository agents;

    private CachingContextStore(ContextStore delegate, TieredContextCache cache) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.cache = Objects.requireNonNull(cache, "cache");
        ContextTables tables = delegate.tables();
        this.global = new Global(delegate.global(), cache, tables.nameOf(ContextTables.GLOBAL));
        this.investigations =
                new Investigations(delegate.investigations(), cache, tables.nameOf(ContextTables.INVESTIGATION));
        this.agents = new Agents(delegate.agents(), cache, tables.nameOf(ContextTables.AGENT));
    }

    public static CachingContextStore wrap(ContextStore delegate, TieredContextCache cache) {
        return new CachingContextStore(delegate, cache);
    }

    /** The uncached store underneath. */
    public ContextStore delegate() {
        return delegate;
    }

    public TieredContextCache cache() {
        return cache;
    }

    @Override
    public GlobalContextRepository global() {
        return global;
    }

    @Override
    public int purgeExpired(ai.socagent.contextstore.ContextArchive archive) {
        return delegate.purgeExpired(archive);
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
        return delegate.tables();
    }

    @Override
    public void close() {
        delegate.close();
    }

    private static <T> T update(TieredContextCache cache, CacheKey key, java.util.function.Supplier<T> write) {
        try {
            return cache.written(key, write.get());
        } catch (ContextVersionConflictException e) {
            cache.invalidate(key);
            throw e;
        }
    }

    private record Global(GlobalContextRepository store, TieredContextCache cache, String table)
            implements GlobalContextRepository {

        private CacheKey key(String contextType, Instant timestamp, String itemId) {
            return new CacheKey(
                    table, contextType, ContextKeys.instantAndId(ContextTimestamps.normalise(timestamp), itemId));
        }

        @Override
        public GlobalContextEntry create(GlobalContextEntry entry) {
            GlobalContextEntry stored = store.create(entry);
            return cache.written(key(stored.contextType(), stored.timestamp(), stored.itemId()), stored);
        }

        @Override
        public GlobalContextEntry update(GlobalContextEntry entry) {
            return CachingContextStore.update(
                    cache, key(entry.contextType(), entry.timestamp(), entry.itemId()), () -> store.update(entry));
        }

        @Override
        public Optional<GlobalContextEntry> find(String contextType, Instant timestamp, String itemId) {
            ContextKeys.require(ContextTables.CONTEXT_TYPE, contextType);
            Objects.requireNonNull(timestamp, "timestamp");
            return cache.read(
                    key(contextType, timestamp, itemId),
                    GlobalContextEntry.class,
                    () -> store.find(contextType, timestamp, itemId));
        }

        @Override
        public Page<GlobalContextEntry> findByContextType(String contextType, TimeRange range, PageRequest page) {
            return store.findByContextType(contextType, range, page);
        }

        @Override
        public Page<GlobalContextEntry> findByThreatType(String threatType, TimeRange range, PageRequest page) {
            return store.findByThreatType(threatType, range, page);
        }

        @Override
        public Page<GlobalContextEntry> findBySeverity(String severity, TimeRange range, PageRequest page) {
            return store.findBySeverity(severity, range, page);
        }
    }

    private record Investigations(InvestigationContextRepository store, TieredContextCache cache, String table)
            implements InvestigationContextRepository {

        private CacheKey key(String investigationId, String contextLevel, Instant timestamp) {
            return new CacheKey(
                    table,
                    investigationId,
                    ContextKeys.composite(contextLevel, ContextTimestamps.normalise(timestamp)));
        }

        @Override
        public InvestigationContextEntry create(InvestigationContextEntry entry) {
            InvestigationContextEntry stored = store.create(entry);
            return cache.written(key(stored.investigationId(), stored.contextLevel(), stored.timestamp()), stored);
        }

        @Override
        public InvestigationContextEntry update(InvestigationContextEntry entry) {
            return CachingContextStore.update(
                    cache,
                    key(entry.investigationId(), entry.contextLevel(), entry.timestamp()),
                    () -> store.update(entry));
        }

        @Override
        public Optional<InvestigationContextEntry> find(
                String investigationId, String contextLevel, Instant timestamp) {
            ContextKeys.require(ContextTables.INVESTIGATION_ID, investigationId);
            ContextKeys.requireCompositePart(ContextTables.CONTEXT_LEVEL, contextLevel);
            Objects.requireNonNull(timestamp, "timestamp");
            return cache.read(
                    key(investigationId, contextLevel, timestamp),
                    InvestigationContextEntry.class,
                    () -> store.find(investigationId, contextLevel, timestamp));
        }

        @Override
        public Page<InvestigationContextEntry> findByLevel(
                String investigationId, String contextLevel, TimeRange range, PageRequest page) {
            return store.findByLevel(investigationId, contextLevel, range, page);
        }

        @Override
        public Page<InvestigationContextEntry> findByInvestigation(String investigationId, PageRequest page) {
            return store.findByInvestigation(investigationId, page);
        }

        @Override
        public Page<InvestigationContextEntry> findByAgent(
                String investigationId, String agentId, TimeRange range, PageRequest page) {
            return store.findByAgent(investigationId, agentId, range, page);
        }
    }

    private record Agents(AgentContextRepository store, TieredContextCache cache, String table)
            implements AgentContextRepository {

        private CacheKey key(String agentId, String sessionId, Instant timestamp) {
            return new CacheKey(
                    table, agentId, ContextKeys.composite(sessionId, ContextTimestamps.normalise(timestamp)));
        }

        @Override
        public AgentContextEntry create(AgentContextEntry entry) {
            AgentContextEntry stored = store.create(entry);
            return cache.written(key(stored.agentId(), stored.sessionId(), stored.timestamp()), stored);
        }

        @Override
        public AgentContextEntry update(AgentContextEntry entry) {
            return CachingContextStore.update(
                    cache, key(entry.agentId(), entry.sessionId(), entry.timestamp()), () -> store.update(entry));
        }

        @Override
        public Optional<AgentContextEntry> find(String agentId, String sessionId, Instant timestamp) {
            ContextKeys.require(ContextTables.AGENT_ID, agentId);
            ContextKeys.requireCompositePart(ContextTables.SESSION_ID, sessionId);
            Objects.requireNonNull(timestamp, "timestamp");
            return cache.read(
                    key(agentId, sessionId, timestamp),
                    AgentContextEntry.class,
                    () -> store.find(agentId, sessionId, timestamp));
        }

        @Override
        public Page<AgentContextEntry> findBySession(
                String agentId, String sessionId, TimeRange range, PageRequest page) {
            return store.findBySession(agentId, sessionId, range, page);
        }
    }
}
