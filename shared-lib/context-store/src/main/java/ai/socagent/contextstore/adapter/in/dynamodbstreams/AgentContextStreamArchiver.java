package ai.socagent.contextstore.adapter.in.dynamodbstreams;

import ai.socagent.contextstore.ArchiveBatch;
import ai.socagent.contextstore.ArchiveReason;
import ai.socagent.contextstore.ArchivedEntry;
import ai.socagent.contextstore.ContextArchive;
import ai.socagent.contextstore.ContextArchiveException;
import ai.socagent.contextstore.ContextTables;
import ai.socagent.contextstore.StreamCheckpointStore;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Identity;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Archives what leaves AgentContextTable: reads the table's stream (NEW_AND_OLD_IMAGES) and writes
 * the old image of every REMOVE record to the {@link ContextArchive}, so nothing leaves DynamoDB
 * without a copy. A removal by the TTL process (user identity {@code Service} /
 * {@code dynamodb.amazonaws.com}) is archived as {@code ttl-expiry}, any other as {@code deleted}.
 *
 * <p>Shards are read parents first (a child only once its parent is read to its end), from the
 * checkpoint of each shard: the sequence number of the last record handled. The checkpoint moves
 * only after every REMOVE of a GetRecords page is archived; an archive failure leaves it where it
 * was, and the next poll reads the same records again (at least once: a retried batch has the same
 * id and rewrites the same key). A new shard without a parent in the stream starts at the initial
 * position ({@code TRIM_HORIZON} by default: nothing the stream still holds is skipped).
 *
 * <p>Several archivers (one per service instance) may read one stream: a shard is read only by the
 * archiver holding its lease ({@link ShardLeases}, in DynamoDB: {@link DynamoDbShardLeases}), checked
 * again before every archive and checkpoint; shards leased to another archiver are skipped. When
 * the holder stops (closed: it gives the lease back; crashed: its lease expires), another archiver
 * takes the shard over from the checkpoint.
 */
public final class AgentContextStreamArchiver implements AutoCloseable {

    /** Where a shard without checkpoint (and without a parent still in the stream) is read from. */
    public enum InitialPosition {
        TRIM_HORIZON,
        LATEST
    }

    private static final System.Logger LOG = System.getLogger(AgentContextStreamArchiver.class.getName());
    private static final String TTL_PRINCIPAL = "dynamodb.amazonaws.com";
    private static final int PAGE = 1000;
    private static final int MAX_CALLS_PER_SHARD = 100;

    private final DynamoDbStreamsClient streams;
    private final String streamArn;
    private final ContextArchive archive;
    private final StreamCheckpointStore checkpoints;
    private final InitialPosition initialPosition;
    private final Clock clock;
    private final ShardLeases leases;
    private ScheduledExecutorService scheduler;
    private final List<AutoCloseable> owned = new ArrayList<>();

    private AgentContextStreamArchiver(
            DynamoDbStreamsClient streams,
            String streamArn,
            ContextArchive archive,
            StreamCheckpointStore checkpoints,
            InitialPosition initialPosition,
            Clock clock,
            ShardLeases leases) {
        this.streams = streams;
        this.streamArn = streamArn;
        this.archive = archive;
        this.checkpoints = checkpoints;
        this.initialPosition = initialPosition;
        this.clock = clock;
        this.leases = leases;
    }

    /** A single archiver of the stream: its shards are leased to nobody else ({@link ShardLeases#unshared}). */
    public static AgentContextStreamArchiver create(
            DynamoDbStreamsClient streams,
            String streamArn,
            ContextArchive archive,
            StreamCheckpointStore checkpoints,
            InitialPosition initialPosition,
            Clock clock) {
        return create(streams, streamArn, archive, checkpoints, initialPosition, clock, ShardLeases.unshared());
    }

    /**
     * One of several archivers of the stream: it reads only the shards whose lease it holds. The
     * leases are closed (given back) with the archiver.
     */
    public static AgentContextStreamArchiver create(
            DynamoDbStreamsClient streams,
            String streamArn,
            ContextArchive archive,
            StreamCheckpointStore checkpoints,
            InitialPosition initialPosition,
            Clock clock,
            ShardLeases leases) {
        if (streamArn == null || streamArn.isBlank()) {
            throw new IllegalArgumentException("the AgentContextTable has no stream ARN: is its stream enabled?");
        }
        return new AgentContextStreamArchiver(
                Objects.requireNonNull(streams, "streams"),
                streamArn,
                Objects.requireNonNull(archive, "archive"),
                Objects.requireNonNull(checkpoints, "checkpoints"),
                Objects.requireNonNull(initialPosition, "initialPosition"),
                Objects.requireNonNull(clock, "clock"),
                Objects.requireNonNull(leases, "leases"));
    }

    /** The ARN of the AgentContextTable's latest stream in this environment. */
    public static String streamArnOf(DynamoDbClient dynamoDb, ContextTables tables) {
        return dynamoDb.describeTable(r -> r.tableName(tables.nameOf(ContextTables.AGENT)))
                .table()
                .latestStreamArn();
    }

    /**
     * Reads every shard from its checkpoint to its current end once.
     *
     * @return how many removed items were archived
     * @throws ContextArchiveException an archive write failed; the shard's checkpoint did not move
     */
    public synchronized int poll() {
        List<Shard> shards = describeShards();
        Map<String, Shard> byId = new LinkedHashMap<>();
        shards.forEach(s -> byId.put(s.shardId(), s));
        Map<String, Optional<String>> positions = new HashMap<>();
        int archived = 0;
        for (Shard shard : parentsFirst(shards, byId)) {
            Optional<String> position =
                    positions.computeIfAbsent(shard.shardId(), id -> checkpoints.load(streamArn, id));
            if (position.filter(StreamCheckpointStore.SHARD_END::equals).isPresent()) {
                continue;
            }
            String parent = shard.parentShardId();
            boolean parentInStream = parent != null && byId.containsKey(parent);
            if (parentInStream
                    && positions
                            .computeIfAbsent(parent, id -> checkpoints.load(streamArn, id))
                            .filter(StreamCheckpointStore.SHARD_END::equals)
                            .isEmpty()) {
                continue; // the parent's records come first; next poll
            }
            if (!leases.acquire(leaseKey(shard.shardId()))) {
                continue; // another archiver reads this shard
            }
            ShardRead read = readShard(shard.shardId(), position, parentInStream);
            archived += read.archived();
            positions.put(shard.shardId(), Optional.ofNullable(read.checkpoint()));
        }
        return archived;
    }

    private record ShardRead(int archived, String checkpoint) {}

    /** The lease of a shard: shard ids repeat across streams (moto gives every stream the same one). */
    private String leaseKey(String shardId) {
        return streamArn + "/" + shardId;
    }

    private ShardRead readShard(String shardId, Optional<String> checkpoint, boolean hasParent) {
        String iterator = iterator(shardId, checkpoint, hasParent);
        String last = checkpoint.orElse(null);
        int archived = 0;
        for (int call = 0; call < MAX_CALLS_PER_SHARD && iterator != null; call++) {
            String current = iterator;
            GetRecordsResponse response =
                    streams.getRecords(r -> r.shardIterator(current).limit(PAGE));
            List<Record> records = response.records();
            if (!leases.holds(leaseKey(shardId))) {
                // lost meanwhile (no heartbeat got through): the new holder reads from our last checkpoint
                LOG.log(Level.WARNING, "lost the lease of {0} shard {1}; leaving it", streamArn, shardId);
                return new ShardRead(archived, last);
            }
            if (!records.isEmpty()) {
                archived += archiveRemovals(shardId, records);
                last = records.getLast().dynamodb().sequenceNumber();
                checkpoints.save(streamArn, shardId, last);
            }
            iterator = response.nextShardIterator();
            if (iterator == null) {
                last = StreamCheckpointStore.SHARD_END;
                checkpoints.save(streamArn, shardId, last);
            } else if (records.isEmpty()) {
                break; // caught up with an open shard
            }
        }
        return new ShardRead(archived, last);
    }

    private String iterator(String shardId, Optional<String> checkpoint, boolean hasParent) {
        if (checkpoint.isPresent()) {
            try {
                return streams.getShardIterator(r -> r.streamArn(streamArn)
                                .shardId(shardId)
                                .shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER)
                                .sequenceNumber(checkpoint.get()))
                        .shardIterator();
            } catch (TrimmedDataAccessException e) {
                // records past the checkpoint aged out of the stream (24 h) before we read them
                LOG.log(
                        Level.ERROR,
                        "records of {0} shard {1} after {2} were trimmed before they were archived;"
                                + " continuing from the oldest record left",
                        streamArn,
                        shardId,
                        checkpoint.get());
            }
        }
        ShardIteratorType type = !hasParent && checkpoint.isEmpty() && initialPosition == InitialPosition.LATEST
                ? ShardIteratorType.LATEST
                : ShardIteratorType.TRIM_HORIZON;
        return streams.getShardIterator(
                        r -> r.streamArn(streamArn).shardId(shardId).shardIteratorType(type))
                .shardIterator();
    }

    /** One batch per partition (agent) per page, in stream order; any failure propagates. */
    private int archiveRemovals(String shardId, List<Record> records) {
        Map<String, List<Record>> byAgent = new LinkedHashMap<>();
        for (Record record : records) {
            if (record.eventName() == OperationType.REMOVE) {
                Map<String, AttributeValue> old = record.dynamodb().oldImage();
                if (old == null || old.isEmpty()) {
                    throw new ContextArchiveException(
                            "REMOVE record " + record.dynamodb().sequenceNumber() + " of " + streamArn
                                    + " has no old image: the stream must be NEW_AND_OLD_IMAGES");
                }
                byAgent.computeIfAbsent(text(old.get(ContextTables.AGENT_ID)), a -> new ArrayList<>())
                        .add(record);
            }
        }
        int archived = 0;
        for (List<Record> group : byAgent.values()) {
            List<ArchivedEntry> entries = group.stream()
                    .map(r -> new ArchivedEntry(item(r.dynamodb().oldImage()), reason(r), removedAt(r)))
                    .toList();
            Record first = group.getFirst();
            archive.archive(ArchiveBatch.of(
                    ContextTables.AGENT,
                    "stream-" + shardId + "-" + first.dynamodb().sequenceNumber(),
                    removedAt(first),
                    entries));
            archived += entries.size();
        }
        return archived;
    }

    /** TTL deletions are made by the service principal {@code dynamodb.amazonaws.com}. */
    static ArchiveReason reason(Record record) {
        Identity identity = record.userIdentity();
        return identity != null && "Service".equals(identity.type()) && TTL_PRINCIPAL.equals(identity.principalId())
                ? ArchiveReason.TTL_EXPIRY
                : ArchiveReason.DELETED;
    }

    private Instant removedAt(Record record) {
        Instant at = record.dynamodb().approximateCreationDateTime();
        return at != null ? at : clock.instant();
    }

    /** The image as the attribute map of {@code ContextItems}: strings, numbers as decimal text. */
    private static Map<String, String> item(Map<String, AttributeValue> image) {
        Map<String, String> item = new LinkedHashMap<>();
        image.forEach((name, value) -> item.put(name, text(value)));
        return item;
    }

    private static String text(AttributeValue value) {
        if (value == null) {
            return null;
        }
        if (value.s() != null) {
            return value.s();
        }
        if (value.n() != null) {
            return value.n();
        }
        if (value.bool() != null) {
            return value.bool().toString();
        }
        return value.toString();
    }

    private List<Shard> describeShards() {
        List<Shard> shards = new ArrayList<>();
        String start = null;
        do {
            String from = start;
            StreamDescription description = streams.describeStream(
                            r -> r.streamArn(streamArn).exclusiveStartShardId(from))
                    .streamDescription();
            shards.addAll(description.shards());
            start = description.lastEvaluatedShardId();
        } while (start != null);
        return shards;
    }

    /**
     * Ancestors before descendants: sorted by the depth of each shard's lineage within the stream (a
     * parent already trimmed away counts as none), stable otherwise.
     */
    static List<Shard> parentsFirst(List<Shard> shards, Map<String, Shard> byId) {
        Map<String, Integer> depth = new HashMap<>();
        for (Shard shard : shards) {
            int d = 0;
            Shard s = shard;
            // bounded by the number of shards, in case a malformed description holds a cycle
            while (s.parentShardId() != null && byId.containsKey(s.parentShardId()) && d < shards.size()) {
                s = byId.get(s.parentShardId());
                d++;
            }
            depth.put(shard.shardId(), d);
        }
        return shards.stream()
                .sorted(Comparator.comparingInt(s -> depth.get(s.shardId())))
                .toList();
    }

    /** Closes {@code resource} (a client made for this archiver) when the archiver closes. */
    public synchronized AgentContextStreamArchiver owning(AutoCloseable resource) {
        owned.add(Objects.requireNonNull(resource, "resource"));
        return this;
    }

    /** Polls every {@code interval} on a daemon thread; a failed poll is logged and retried next time. */
    public synchronized void start(Duration interval) {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "context-stream-archiver");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::pollAndLog, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void pollAndLog() {
        try {
            poll();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "archiving " + streamArn + " failed; the checkpoint stays, retrying", e);
        }
    }

    /** True between {@link #start} and {@link #stop} (or {@link #close}). */
    public synchronized boolean isPolling() {
        return scheduler != null;
    }

    /** Stops polling; a poll in flight finishes its page. The leases stay held until {@link #close}. */
    public void stop() {
        ScheduledExecutorService running;
        synchronized (this) {
            running = scheduler;
            scheduler = null;
        }
        if (running != null) {
            running.shutdownNow();
            try {
                // a poll in flight finishes its page before the leases are given back
                running.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        stop();
        leases.close();
        List<AutoCloseable> resources;
        synchronized (this) {
            resources = List.copyOf(owned);
            owned.clear();
        }
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "closing " + resource + " failed", e);
            }
        }
    }
}
