package ai.socagent.contextstore.adapter.out.dynamodb;

import ai.socagent.contextstore.AgentContextRepository;
import ai.socagent.contextstore.ContextStore;
import ai.socagent.contextstore.ContextTables;
import ai.socagent.contextstore.CursorCodec;
import ai.socagent.contextstore.GlobalContextRepository;
import ai.socagent.contextstore.InvestigationContextRepository;
import java.time.Clock;
import java.util.Objects;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.extensions.VersionedRecordExtension;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The context tables in DynamoDB, through the enhanced client with optimistic locking
 * ({@link VersionedRecordExtension}). The tables must exist ({@link ContextTableProvisioner} locally,
 * Terraform in AWS). The DynamoDB client is the caller's: closing this store leaves it open.
 *
 * <p>Every request carries the store's retry strategy (by default the SDK's standard strategy,
 * {@value #DEFAULT_MAX_ATTEMPTS} attempts with exponential backoff and jitter, longer for throttling),
 * whatever the client's own is; a failure other than a failed condition, once retries are spent,
 * is a {@link ai.socagent.contextstore.ContextStoreException} naming the operation, the table, the
 * attempts and whether it was throttled ({@link ContextStoreDynamoDbClient}).
 */
public final class DynamoDbContextStore implements ContextStore {

    static final TableSchema<GlobalContextItem> GLOBAL_SCHEMA = TableSchema.fromBean(GlobalContextItem.class);
    static final TableSchema<InvestigationContextItem> INVESTIGATION_SCHEMA =
            TableSchema.fromBean(InvestigationContextItem.class);
    static final TableSchema<AgentContextItem> AGENT_SCHEMA = TableSchema.fromBean(AgentContextItem.class);

    /** Attempts per request (the first one included) unless the caller chooses. */
    public static final int DEFAULT_MAX_ATTEMPTS = 3;

    private final ContextTables tables;
    private final GlobalContextRepository global;
    private final InvestigationContextRepository investigations;
    private final AgentContextRepository agents;

    private DynamoDbContextStore(
            DynamoDbClient client, ContextTables tables, Clock clock, CursorCodec cursors, RetryStrategy retries) {
        this.tables = tables;
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder()
                .dynamoDbClient(ContextStoreDynamoDbClient.wrap(client, retries))
                .extensions(VersionedRecordExtension.builder().build())
                .build();
        this.global = new DynamoDbGlobalContextRepository(
                new DynamoDbContextTable<>(
                        enhanced.table(tables.nameOf(ContextTables.GLOBAL), GLOBAL_SCHEMA),
                        ContextTables.GLOBAL,
                        GlobalContextItem.class,
                        GlobalContextItem::getVersion,
                        GlobalContextItem::getExpiresAt,
                        clock,
                        cursors),
                clock);
        this.investigations = new DynamoDbInvestigationContextRepository(
                new DynamoDbContextTable<>(
                        enhanced.table(tables.nameOf(ContextTables.INVESTIGATION), INVESTIGATION_SCHEMA),
                        ContextTables.INVESTIGATION,
                        InvestigationContextItem.class,
                        InvestigationContextItem::getVersion,
                        InvestigationContextItem::getExpiresAt,
                        clock,
                        cursors),
                clock);
        this.agents = new DynamoDbAgentContextRepository(
                new DynamoDbContextTable<>(
                        enhanced.table(tables.nameOf(ContextTables.AGENT), AGENT_SCHEMA),
                        ContextTables.AGENT,
                        AgentContextItem.class,
                        AgentContextItem::getVersion,
                        AgentContextItem::getExpiresAt,
                        clock,
                        cursors),
                clock);
    }

    public static DynamoDbContextStore create(
            DynamoDbClient client, ContextTables tables, Clock clock, CursorCodec cursors) {
        return create(client, tables, clock, cursors, standardRetries(DEFAULT_MAX_ATTEMPTS));
    }

    /**
     * @param retries the strategy every request of this store runs with; null to keep the client's
     *     own (a DAX client, say)
     */
    public static DynamoDbContextStore create(
            DynamoDbClient client, ContextTables tables, Clock clock, CursorCodec cursors, RetryStrategy retries) {
        return new DynamoDbContextStore(
                Objects.requireNonNull(client, "client"),
                Objects.requireNonNull(tables, "tables"),
                Objects.requireNonNull(clock, "clock"),
                Objects.requireNonNull(cursors, "cursors"),
                retries);
    }

    /**
     * The SDK's standard retry strategy ({@code RetryMode.STANDARD}: exponential backoff with full
     * jitter, a longer base delay for throttling, a retry quota) with {@code maxAttempts} attempts.
     */
    public static RetryStrategy standardRetries(int maxAttempts) {
        return ContextStoreDynamoDbClient.standardRetryStrategy(maxAttempts);
    }

    public static DynamoDbContextStore create(DynamoDbClient client, ContextTables tables) {
        return create(client, tables, Clock.systemUTC(), CursorCodec.create());
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

    @Override
    public void close() {
        // the client belongs to the caller
    }
}
