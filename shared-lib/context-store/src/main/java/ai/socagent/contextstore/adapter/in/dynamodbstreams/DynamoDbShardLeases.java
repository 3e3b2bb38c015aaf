package ai.socagent.contextstore.adapter.in.dynamodbstreams;

import com.amazonaws.services.dynamodbv2.AcquireLockOptions;
import com.amazonaws.services.dynamodbv2.AmazonDynamoDBLockClient;
import com.amazonaws.services.dynamodbv2.AmazonDynamoDBLockClientOptions;
import com.amazonaws.services.dynamodbv2.CreateDynamoDBTableOptions;
import com.amazonaws.services.dynamodbv2.LockItem;
import com.amazonaws.services.dynamodbv2.model.LockCurrentlyUnavailableException;
import com.amazonaws.services.dynamodbv2.model.LockNotGrantedException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * Shard leases as lock items in a DynamoDB table, through AWS Labs' DynamoDB lock client
 * ({@code com.amazonaws:dynamodb-lock-client}, SDK v2): one item per shard (partition key {@code
 * key}), taken with a conditional write, renewed by the client's heartbeat thread every {@code
 * heartbeatPeriod}. A holder that stops renewing loses the lease {@code leaseDuration} after its last
 * heartbeat by its own clock ({@link LockItem#isExpired}); another client takes it once it has seen
 * the item's record version unchanged for {@code leaseDuration} (no clock comparison between hosts).
 * Acquisition never blocks ({@code shouldSkipBlockingWait}): a poll that finds a shard taken moves on.
 */
public final class DynamoDbShardLeases implements ShardLeases {

    private static final System.Logger LOG = System.getLogger(DynamoDbShardLeases.class.getName());

    private final AmazonDynamoDBLockClient locks;
    private final String owner;
    private final Map<String, LockItem> held = new ConcurrentHashMap<>();

    private DynamoDbShardLeases(AmazonDynamoDBLockClient locks, String owner) {
        this.locks = locks;
        this.owner = owner;
    }

    /**
     * @param table the lease table (partition key {@code key}, a string); {@link #provisionTable} makes it locally
     * @param owner names this reader in the lease items (host and instance, say)
     * @param leaseDuration how long a lease outlives its holder's last heartbeat
     * @param heartbeatPeriod how often held leases are renewed; well under {@code leaseDuration}
     */
    public static DynamoDbShardLeases create(
            DynamoDbClient dynamoDb, String table, String owner, Duration leaseDuration, Duration heartbeatPeriod) {
        Objects.requireNonNull(dynamoDb, "dynamoDb");
        if (heartbeatPeriod.compareTo(leaseDuration) >= 0) {
            throw new IllegalArgumentException("the heartbeat period must be shorter than the lease duration");
        }
        AmazonDynamoDBLockClient locks =
                new AmazonDynamoDBLockClient(AmazonDynamoDBLockClientOptions.builder(dynamoDb, table)
                        .withOwnerName(Objects.requireNonNull(owner, "owner"))
                        .withLeaseDuration(leaseDuration.toMillis())
                        .withHeartbeatPeriod(heartbeatPeriod.toMillis())
                        .withTimeUnit(TimeUnit.MILLISECONDS)
                        .withCreateHeartbeatBackgroundThread(true)
                        .build());
        return new DynamoDbShardLeases(locks, owner);
    }

    /** Creates the lease table when missing and waits for it (moto/LocalStack; Terraform in AWS). */
    public static void provisionTable(DynamoDbClient dynamoDb, String table) {
        try {
            dynamoDb.describeTable(r -> r.tableName(table));
        } catch (ResourceNotFoundException missing) {
            try {
                AmazonDynamoDBLockClient.createLockTableInDynamoDB(CreateDynamoDBTableOptions.builder(
                                dynamoDb,
                                ProvisionedThroughput.builder()
                                        .readCapacityUnits(5L)
                                        .writeCapacityUnits(5L)
                                        .build(),
                                table)
                        .build());
            } catch (ResourceInUseException alreadyBeingCreated) {
                // another instance got there first: wait for it like for our own
            }
        }
        dynamoDb.waiter().waitUntilTableExists(r -> r.tableName(table));
    }

    public String owner() {
        return owner;
    }

    @Override
    public boolean acquire(String shard) {
        if (holds(shard)) {
            return true;
        }
        held.remove(shard);
        try {
            Optional<LockItem> lease = locks.tryAcquireLock(AcquireLockOptions.builder(shard)
                    .withShouldSkipBlockingWait(true)
                    .withDeleteLockOnRelease(false)
                    .build());
            lease.ifPresent(item -> {
                held.put(shard, item);
                LOG.log(Level.INFO, "{0} took the lease of {1}", owner, shard);
            });
            return lease.isPresent();
        } catch (LockCurrentlyUnavailableException | LockNotGrantedException heldByAnother) {
            // 1.4.0's tryAcquireLock lets the skip-wait refusal through (later versions return empty)
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public boolean holds(String shard) {
        LockItem lease = held.get(shard);
        return lease != null && !lease.isExpired();
    }

    @Override
    public void close() {
        try {
            locks.close(); // releases every lease it holds, then stops the heartbeats
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "releasing the stream shard leases of " + owner + " failed; they expire", e);
        }
        held.clear();
    }
}
