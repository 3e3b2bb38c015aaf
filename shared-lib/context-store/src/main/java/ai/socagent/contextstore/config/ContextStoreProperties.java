package ai.socagent.contextstore.config;

import ai.socagent.contextstore.adapter.out.embedded.EmbeddedContextStore;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the context store ({@code soc.context-store.*}).
 *
 * @param environment prefix of the table names ({@code dev} gives {@code dev-GlobalContextTable});
 *     empty for the bare names; default {@code local}
 * @param backend {@code embedded} (default, standalone mode) or {@code dynamodb}
 * @param embedded the embedded store's file
 * @param dynamodb DynamoDB settings
 * @param cursorSecret shared by every instance of an environment to make page cursors unforgeable;
 *     without it cursors are integrity-checked only
 * @param cache the cache tiers in front of the store (off by default)
 * @param archive the S3 / local-directory archive and evidence store
 */
@Validated
@ConfigurationProperties("soc.context-store")
public record ContextStoreProperties(
        @Pattern(regexp = "|[a-z0-9][a-z0-9-]{0,31}") String environment,
        Backend backend,
        @Valid Embedded embedded,
        @Valid DynamoDb dynamodb,
        @Size(min = 16) String cursorSecret,
        @Valid Cache cache,
        @Valid Archive archive) {

    public ContextStoreProperties {
        cache = cache == null ? new Cache(false, null, null) : cache;
        environment = environment == null ? "local" : environment;
        backend = backend == null ? Backend.EMBEDDED : backend;
        embedded = embedded == null ? new Embedded(null, null) : embedded;
        dynamodb = dynamodb == null ? new DynamoDb(false, null, null) : dynamodb;
        archive = (archive == null ? new Archive(null, null, null, null, null, null, null, false, null, null) : archive)
                .withDefaults(backend, embedded.file());
    }

    /** The physical name of a table outside the catalogue in this environment: {@code dev-<name>}. */
    public String tableName(String name) {
        return environment.isEmpty() ? name : environment + "-" + name;
    }

    /** The physical name of a bucket in this environment, like the tables: {@code dev-context-archive}. */
    public String bucketName(String name) {
        return environment.isEmpty() ? name : environment + "-" + name;
    }

    /** Where the archive goes: {@code local} directory (standalone) or {@code s3}. */
    public enum ArchiveBackend {
        LOCAL,
        S3
    }

    /**
     * The archive ({@code soc.context-store.archive.*}).
     *
     * @param backend {@code local} or {@code s3}; default: {@code s3} with the dynamodb store, else {@code local}
     * @param contextBucket ContextArchiveBucket, before the environment prefix; default {@code context-archive}
     * @param evidenceBucket InvestigationEvidenceBucket, before the environment prefix; default
     *     {@code investigation-evidence}
     * @param kmsKeyId the customer key (id, ARN or alias) every S3 put is encrypted with; required for s3
     * @param evidenceRetention object-lock retention of evidence (governance mode); default P2555D (7 years)
     * @param localDirectory the standalone archive; default {@code archive} next to the embedded store file
     * @param evidenceDirectory the standalone evidence store (a RocksDB database, ADR 0007); default
     *     {@code evidence-db} in the local directory. Evidence of the directory layout of before
     *     ({@code <local-directory>/evidence}) is imported into it once at start-up, then that
     *     directory is renamed to {@code evidence.imported-<time>}. Its writes are as durable as the
     *     embedded store's ({@code embedded.durability})
     * @param provisionBuckets create the buckets at start-up (moto/LocalStack); Terraform owns them in AWS
     * @param purgeInterval how often the embedded store archives and removes expired entries; default
     *     1 hour, zero to never
     * @param streamArchiver archiving of AgentContextTable removals from its DynamoDB stream
     */
    public record Archive(
            ArchiveBackend backend,
            @Pattern(regexp = "[a-z0-9][a-z0-9.-]{1,40}") String contextBucket,
            @Pattern(regexp = "[a-z0-9][a-z0-9.-]{1,40}") String evidenceBucket,
            String kmsKeyId,
            Duration evidenceRetention,
            Path localDirectory,
            Path evidenceDirectory,
            boolean provisionBuckets,
            Duration purgeInterval,
            @Valid StreamArchiver streamArchiver) {

        public Archive {
            contextBucket = contextBucket == null ? "context-archive" : contextBucket;
            evidenceBucket = evidenceBucket == null ? "investigation-evidence" : evidenceBucket;
            kmsKeyId = kmsKeyId == null || kmsKeyId.isBlank() ? null : kmsKeyId;
            evidenceRetention = evidenceRetention == null ? Duration.ofDays(2555) : evidenceRetention;
            purgeInterval = purgeInterval == null ? Duration.ofHours(1) : purgeInterval;
            streamArchiver =
                    streamArchiver == null ? new StreamArchiver(false, null, null, null, null, null) : streamArchiver;
        }

        Archive withDefaults(Backend storeBackend, Path embeddedFile) {
            ArchiveBackend chosen = backend != null
                    ? backend
                    : storeBackend == Backend.DYNAMODB ? ArchiveBackend.S3 : ArchiveBackend.LOCAL;
            Path parent = embeddedFile.toAbsolutePath().getParent();
            Path directory = localDirectory != null
                    ? localDirectory
                    : (parent == null ? Path.of("archive") : parent.resolve("archive"));
            return new Archive(
                    chosen,
                    contextBucket,
                    evidenceBucket,
                    kmsKeyId,
                    evidenceRetention,
                    directory,
                    evidenceDirectory != null ? evidenceDirectory : directory.resolve("evidence-db"),
                    provisionBuckets,
                    purgeInterval,
                    streamArchiver);
        }
    }

    /**
     * @param enabled read AgentContextTable's stream and archive every removed item (dynamodb store only)
     * @param pollInterval pause between reads of the stream; default 5 s
     * @param initialPosition where a shard without checkpoint starts: {@code TRIM_HORIZON} (default,
     *     everything the stream holds) or {@code LATEST}
     * @param leaseTable the table of shard leases (one archiver per shard across instances), before
     *     the environment prefix; default {@code ContextStreamArchiverLeases}; created at start with
     *     {@code dynamodb.provision-tables}, else by Terraform
     * @param leaseDuration how long a shard's lease outlives its holder's last heartbeat (how soon
     *     another instance takes over a crashed one's shards); default 30 s
     * @param heartbeatPeriod how often held leases are renewed; default 10 s, shorter than the lease
     */
    public record StreamArchiver(
            boolean enabled,
            Duration pollInterval,
            String initialPosition,
            @Pattern(regexp = "[A-Za-z0-9_.-]{3,200}") String leaseTable,
            Duration leaseDuration,
            Duration heartbeatPeriod) {
        public StreamArchiver {
            pollInterval = pollInterval == null ? Duration.ofSeconds(5) : pollInterval;
            initialPosition = initialPosition == null ? "TRIM_HORIZON" : initialPosition;
            leaseTable = leaseTable == null ? "ContextStreamArchiverLeases" : leaseTable;
            leaseDuration = leaseDuration == null ? Duration.ofSeconds(30) : leaseDuration;
            heartbeatPeriod = heartbeatPeriod == null ? Duration.ofSeconds(10) : heartbeatPeriod;
        }
    }

    public enum Backend {
        EMBEDDED,
        DYNAMODB
    }

    /**
     * @param file where the embedded store (RocksDB) keeps its files, a directory; default {@code
     *     data/context-store} under the working directory. A regular file there (the MVStore file of
     *     before) is moved aside to {@code <name>.mvstore-old}, not read
     * @param durability what an acknowledged write survives: {@code process-crash} (default: the JVM
     *     killed) or {@code power-loss} (also the machine; every write forced to the device, slower)
     */
    public record Embedded(@NotNull Path file, EmbeddedContextStore.Durability durability) {
        public Embedded {
            file = file == null ? Path.of("data", "context-store") : file;
            durability = durability == null ? EmbeddedContextStore.Durability.PROCESS_CRASH : durability;
        }
    }

    /**
     * @param provisionTables create the tables and enable TTL at start-up (moto/LocalStack); off in
     *     AWS, where Terraform owns them
     * @param daxUrl L3: the DAX cluster endpoint ({@code dax://my-cluster.abc123.dax-clusters.<region>.amazonaws.com});
     *     when set, the store reads and writes through DAX with the region and credentials of the
     *     {@code DynamoDbClient} bean; unset (the default) everywhere but the aws mode
     * @param maxAttempts attempts per DynamoDB request, the first included, with the SDK's standard
     *     retry strategy (exponential backoff with jitter, longer for throttling); default 3. Not
     *     applied through DAX, whose client retries on its own
     */
    public record DynamoDb(
            boolean provisionTables,
            String daxUrl,
            @Positive Integer maxAttempts) {
        public DynamoDb {
            daxUrl = daxUrl == null || daxUrl.isBlank() ? null : daxUrl;
            maxAttempts = maxAttempts == null ? 3 : maxAttempts;
        }
    }

    /**
     * Cache tiers for point reads ({@code soc.context-store.cache.*}).
     *
     * @param enabled put L1 (and L2 if enabled) in front of the store the auto-configuration builds
     * @param l1 the in-process tier
     * @param l2 the shared Redis tier
     */
    public record Cache(
            boolean enabled, @Valid L1 l1, @Valid L2 l2) {
        public Cache {
            l1 = l1 == null ? new L1(null, null) : l1;
            l2 = l2 == null ? new L2(false, null, null) : l2;
        }
    }

    /**
     * @param maximumSize entries kept in this process; default 10,000
     * @param ttl longest an entry stays in L1 (bounds staleness when an invalidation is missed);
     *     default 5 minutes
     */
    public record L1(@Positive Long maximumSize, Duration ttl) {
        public L1 {
            maximumSize = maximumSize == null ? 10_000L : maximumSize;
            ttl = ttl == null ? Duration.ofMinutes(5) : ttl;
        }
    }

    /**
     * @param enabled use Redis as L2, over the application's one Redis connection ({@code
     *     spring.data.redis.*}; command timeout {@code spring.data.redis.timeout}, default 100 ms)
     * @param ttl longest an entry stays in L2; default 1 hour (never past the entry's own expiry)
     * @param retryInterval how long L2 is skipped after an error; default 5 s
     */
    public record L2(boolean enabled, Duration ttl, Duration retryInterval) {
        public L2 {
            ttl = ttl == null ? Duration.ofHours(1) : ttl;
            retryInterval = retryInterval == null ? Duration.ofSeconds(5) : retryInterval;
        }
    }
}
