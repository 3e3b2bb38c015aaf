package ai.socagent.contextstore.config;

import ai.socagent.contextstore.AgentContextRepository;
import ai.socagent.contextstore.ContextArchive;
import ai.socagent.contextstore.ContextStore;
import ai.socagent.contextstore.ContextTables;
import ai.socagent.contextstore.CursorCodec;
import ai.socagent.contextstore.EvidenceStore;
import ai.socagent.contextstore.GlobalContextRepository;
import ai.socagent.contextstore.InvestigationContextArchiver;
import ai.socagent.contextstore.InvestigationContextRepository;
import ai.socagent.contextstore.adapter.in.dynamodbstreams.AgentContextStreamArchiver;
import ai.socagent.contextstore.adapter.in.dynamodbstreams.DynamoDbShardLeases;
import ai.socagent.contextstore.adapter.out.dynamodb.ContextTableProvisioner;
import ai.socagent.contextstore.adapter.out.dynamodb.DynamoDbContextStore;
import ai.socagent.contextstore.adapter.out.embedded.EmbeddedContextStore;
import ai.socagent.contextstore.adapter.out.local.LocalDirectoryContextArchive;
import ai.socagent.contextstore.adapter.out.local.RocksDbEvidenceStore;
import ai.socagent.contextstore.adapter.out.redis.RedisL2Cache;
import ai.socagent.contextstore.adapter.out.s3.S3ArchiveProvisioner;
import ai.socagent.contextstore.adapter.out.s3.S3ContextArchive;
import ai.socagent.contextstore.adapter.out.s3.S3EvidenceStore;
import ai.socagent.contextstore.adapter.out.s3.S3StreamCheckpointStore;
import ai.socagent.contextstore.cache.CachingContextStore;
import ai.socagent.contextstore.cache.CaffeineL1Cache;
import ai.socagent.contextstore.cache.ContextCache;
import ai.socagent.contextstore.cache.TieredContextCache;
import ai.socagent.contextstore.records.AgentStatusRecords;
import ai.socagent.contextstore.records.InvestigationRecords;
import ai.socagent.contextstore.records.RawFindings;
import ai.socagent.contextstore.records.ThreatRecords;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Wires a {@link ContextStore} and its three repositories: the embedded store by default, DynamoDB
 * with {@code soc.context-store.backend=dynamodb} (the {@link DynamoDbClient}, {@link
 * DynamoDbStreamsClient} and {@link S3Client} beans come from spring-cloud-aws's {@code
 * spring.cloud.aws.*} settings, {@link ContextStoreAwsClientsAutoConfiguration}, unless the service
 * defines its own). Every bean backs off when the application defines its own.
 *
 * <p>With {@code soc.context-store.cache.enabled=true} the store it builds is wrapped in a {@link
 * CachingContextStore} over a {@link TieredContextCache} bean (L1 Caffeine, plus a {@link
 * ContextCache} L2 bean, Redis, when {@code soc.context-store.cache.l2.enabled=true}, over the
 * application's one Redis connection factory of {@code spring.data.redis.*}). A store the
 * application defines itself is not wrapped.
 */
@AutoConfiguration
@EnableConfigurationProperties(ContextStoreProperties.class)
public class ContextStoreAutoConfiguration {

    private static final String PREFIX = "soc.context-store";

    @Bean
    @ConditionalOnMissingBean
    ContextTables contextTables(ContextStoreProperties properties) {
        return ContextTables.forEnvironment(properties.environment());
    }

    @Bean
    @ConditionalOnMissingBean
    CursorCodec contextCursorCodec(ContextStoreProperties properties) {
        return properties.cursorSecret() == null
                ? CursorCodec.create()
                : CursorCodec.withSecret(properties.cursorSecret().getBytes(StandardCharsets.UTF_8));
    }

    @Bean
    @ConditionalOnMissingBean
    GlobalContextRepository globalContextRepository(ContextStore store) {
        return store.global();
    }

    @Bean
    @ConditionalOnMissingBean
    InvestigationContextRepository investigationContextRepository(ContextStore store) {
        return store.investigations();
    }

    @Bean
    @ConditionalOnMissingBean
    AgentContextRepository agentContextRepository(ContextStore store) {
        return store.agents();
    }

    /** Typed records of investigations, shared by every service that keeps or reads them. */
    @Bean
    @ConditionalOnMissingBean
    InvestigationRecords investigationRecords(ContextStore store) {
        return new InvestigationRecords(store);
    }

    /** The agents' status reports, one entry per instance (AgentContextTable). */
    @Bean
    @ConditionalOnMissingBean
    AgentStatusRecords agentStatusRecords(ContextStore store) {
        return new AgentStatusRecords(store);
    }

    /** The arrived threats, by id and newest first. */
    @Bean
    @ConditionalOnMissingBean
    ThreatRecords threatRecords(ContextStore store) {
        return new ThreatRecords(store);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = PREFIX, name = "backend", havingValue = "embedded", matchIfMissing = true)
    static class Embedded {

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        ContextStore contextStore(
                ContextStoreProperties properties,
                ContextTables tables,
                CursorCodec cursors,
                ObjectProvider<Clock> clock,
                ObjectProvider<TieredContextCache> cache) {
            return cached(
                    EmbeddedContextStore.open(
                            properties.embedded().file(),
                            tables,
                            clock.getIfUnique(Clock::systemUTC),
                            cursors,
                            properties.embedded().durability()),
                    cache);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = PREFIX, name = "backend", havingValue = "dynamodb")
    static class DynamoDb {

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        ContextStore contextStore(
                ContextStoreProperties properties,
                DynamoDbClient client,
                ContextTables tables,
                CursorCodec cursors,
                ObjectProvider<Clock> clock,
                ObjectProvider<TieredContextCache> cache,
                ObjectProvider<ContextStoreDax> dax) {
            ContextStoreDax l3 = dax.getIfAvailable();
            return cached(
                    DynamoDbContextStore.create(
                            l3 == null ? client : l3.client(),
                            tables,
                            clock.getIfUnique(Clock::systemUTC),
                            cursors,
                            l3 == null
                                    ? DynamoDbContextStore.standardRetries(
                                            properties.dynamodb().maxAttempts())
                                    : null),
                    cache);
        }

        /**
         * With {@code dynamodb.provision-tables}: the context tables (and the stream archiver's lease
         * table) created when the context starts, before anything uses them.
         */
        @Bean
        @ConditionalOnProperty(prefix = PREFIX + ".dynamodb", name = "provision-tables", havingValue = "true")
        ContextStoreProvisioning contextTableProvisioning(
                ContextStoreProperties properties, DynamoDbClient client, ContextTables tables) {
            return new ContextStoreProvisioning("the context tables", () -> {
                ContextTableProvisioner.create(client, tables).provision();
                if (properties.archive().streamArchiver().enabled()) {
                    DynamoDbShardLeases.provisionTable(
                            client,
                            properties.tableName(
                                    properties.archive().streamArchiver().leaseTable()));
                }
            });
        }

        /** L3: a DAX client for the store, with the region and credentials of the application's client. */
        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        @ConditionalOnProperty(prefix = PREFIX + ".dynamodb", name = "dax-url")
        ContextStoreDax contextStoreDax(ContextStoreProperties properties, DynamoDbClient client) {
            return ContextStoreDax.create(properties.dynamodb().daxUrl(), client);
        }
    }

    /**
     * The archive ports: a local directory by default (standalone), S3 with {@code archive.backend=s3}
     * (the default with the dynamodb store; needs an {@link S3Client} bean and {@code archive.kms-key-id}).
     */
    @Configuration(proxyBeanMethods = false)
    static class Archiving {

        @Bean
        @ConditionalOnMissingBean
        ContextArchive contextArchive(
                ContextStoreProperties properties, ContextTables tables, ObjectProvider<S3Client> s3) {
            ContextStoreProperties.Archive archive = properties.archive();
            if (archive.backend() == ContextStoreProperties.ArchiveBackend.LOCAL) {
                return LocalDirectoryContextArchive.create(archive.localDirectory(), tables);
            }
            return S3ContextArchive.create(
                    s3(properties, s3), properties.bucketName(archive.contextBucket()), archive.kmsKeyId(), tables);
        }

        /**
         * With {@code archive.provision-buckets} and the S3 archive: the two buckets created when the
         * context starts, before anything writes to them.
         */
        @Bean
        @ConditionalOnProperty(prefix = PREFIX + ".archive", name = "provision-buckets", havingValue = "true")
        ContextStoreProvisioning archiveBucketProvisioning(
                ContextStoreProperties properties, ObjectProvider<S3Client> s3) {
            ContextStoreProperties.Archive archive = properties.archive();
            if (archive.backend() == ContextStoreProperties.ArchiveBackend.LOCAL) {
                return new ContextStoreProvisioning("no bucket (local archive)", () -> {});
            }
            S3Client client = s3(properties, s3);
            return new ContextStoreProvisioning(
                    "the archive buckets",
                    () -> S3ArchiveProvisioner.create(
                                    client,
                                    properties.bucketName(archive.contextBucket()),
                                    properties.bucketName(archive.evidenceBucket()),
                                    archive.kmsKeyId())
                            .provision());
        }

        /**
         * The standalone evidence store is a RocksDB database ({@link RocksDbEvidenceStore}, ADR 0007),
         * closed with the context (its {@code close}, inferred); evidence of the directory layout of
         * before is imported into it once when it opens.
         */
        @Bean
        @ConditionalOnMissingBean
        EvidenceStore evidenceStore(
                ContextStoreProperties properties, ObjectProvider<S3Client> s3, ObjectProvider<Clock> clock) {
            ContextStoreProperties.Archive archive = properties.archive();
            Clock now = clock.getIfUnique(Clock::systemUTC);
            if (archive.backend() == ContextStoreProperties.ArchiveBackend.LOCAL) {
                return RocksDbEvidenceStore.openImporting(
                        archive.evidenceDirectory(),
                        archive.localDirectory(),
                        archive.evidenceRetention(),
                        now,
                        properties.embedded().durability() == EmbeddedContextStore.Durability.POWER_LOSS);
            }
            return S3EvidenceStore.create(
                    s3(properties, s3),
                    properties.bucketName(archive.evidenceBucket()),
                    archive.kmsKeyId(),
                    archive.evidenceRetention(),
                    now);
        }

        /** The findings' original payloads, kept as evidence (the claim check of every finding). */
        @Bean
        @ConditionalOnMissingBean
        RawFindings rawFindings(EvidenceStore evidenceStore) {
            return new RawFindings(evidenceStore);
        }

        @Bean
        @ConditionalOnMissingBean
        InvestigationContextArchiver investigationContextArchiver(
                InvestigationContextRepository investigations, ContextArchive archive, ObjectProvider<Clock> clock) {
            return new InvestigationContextArchiver(investigations, archive, clock.getIfUnique(Clock::systemUTC));
        }

        /** The purge schedule: a SmartLifecycle, started with the context and stopped before the store closes. */
        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnProperty(prefix = PREFIX, name = "backend", havingValue = "embedded", matchIfMissing = true)
        ContextArchiveSchedules contextArchiveSchedules(
                ContextStoreProperties properties, ContextStore store, ContextArchive archive) {
            return ContextArchiveSchedules.purgeEvery(properties.archive().purgeInterval(), store, archive);
        }

        /**
         * The stream archiver of AgentContextTable, made and started with the context (after the
         * provisioning); its checkpoints live in the archive bucket.
         */
        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnProperty(prefix = PREFIX, name = "backend", havingValue = "dynamodb")
        @ConditionalOnProperty(prefix = PREFIX + ".archive.stream-archiver", name = "enabled", havingValue = "true")
        AgentContextStreamArchiving agentContextStreamArchiving(
                ContextStoreProperties properties,
                ContextTables tables,
                DynamoDbClient dynamoDb,
                DynamoDbStreamsClient streams,
                ObjectProvider<S3Client> s3,
                ContextArchive archive,
                ObjectProvider<Clock> clock) {
            ContextStoreProperties.Archive settings = properties.archive();
            S3Client checkpoints = s3(properties, s3);
            Clock now = clock.getIfUnique(Clock::systemUTC);
            return new AgentContextStreamArchiving(
                    () -> AgentContextStreamArchiver.create(
                            streams,
                            AgentContextStreamArchiver.streamArnOf(dynamoDb, tables),
                            archive,
                            S3StreamCheckpointStore.create(
                                    checkpoints, properties.bucketName(settings.contextBucket()), settings.kmsKeyId()),
                            AgentContextStreamArchiver.InitialPosition.valueOf(
                                    settings.streamArchiver().initialPosition().toUpperCase(java.util.Locale.ROOT)),
                            now,
                            shardLeases(properties, dynamoDb)),
                    settings.streamArchiver().pollInterval());
        }

        /** One archiver per shard across the instances of the service: leases in DynamoDB. */
        private static DynamoDbShardLeases shardLeases(ContextStoreProperties properties, DynamoDbClient dynamoDb) {
            ContextStoreProperties.StreamArchiver settings =
                    properties.archive().streamArchiver();
            String table = properties.tableName(settings.leaseTable());
            return DynamoDbShardLeases.create(
                    dynamoDb, table, leaseOwner(), settings.leaseDuration(), settings.heartbeatPeriod());
        }

        /** The host and a random suffix: two instances on one host are two owners. */
        private static String leaseOwner() {
            String host;
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.net.UnknownHostException e) {
                host = "unknown-host";
            }
            return host + "/" + java.util.UUID.randomUUID();
        }

        private static S3Client s3(ContextStoreProperties properties, ObjectProvider<S3Client> s3) {
            S3Client client = s3.getIfAvailable();
            ContextStoreProperties.Archive archive = properties.archive();
            if (client == null) {
                throw new IllegalStateException(
                        PREFIX + ".archive.backend=s3 needs an S3Client bean (or set it to local)");
            }
            if (archive.kmsKeyId() == null) {
                throw new IllegalStateException(PREFIX + ".archive.kms-key-id must be set for the S3 archive");
            }
            return client;
        }
    }

    private static ContextStore cached(ContextStore store, ObjectProvider<TieredContextCache> cache) {
        TieredContextCache tiers = cache.getIfAvailable();
        return tiers == null ? store : CachingContextStore.wrap(store, tiers);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = PREFIX + ".cache", name = "enabled", havingValue = "true")
    static class Caching {

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        @ConditionalOnProperty(prefix = PREFIX + ".cache.l2", name = "enabled", havingValue = "true")
        ContextCache contextL2Cache(ObjectProvider<LettuceConnectionFactory> redis) {
            LettuceConnectionFactory shared = redis.getIfUnique();
            if (shared == null) {
                throw new IllegalStateException(PREFIX + ".cache.l2.enabled=true needs the application's Redis"
                        + " connection (spring.data.redis.*: one Lettuce connection factory)");
            }
            return RedisL2Cache.create(shared);
        }

        @Bean
        @ConditionalOnMissingBean
        TieredContextCache contextCacheTiers(
                ContextStoreProperties properties,
                ObjectProvider<ContextCache> l2,
                ObjectProvider<MeterRegistry> registry,
                ObjectProvider<Clock> clock) {
            ContextStoreProperties.Cache cache = properties.cache();
            Clock now = clock.getIfUnique(Clock::systemUTC);
            return new TieredContextCache(
                    new CaffeineL1Cache(cache.l1().maximumSize(), cache.l1().ttl(), now),
                    l2.getIfAvailable(),
                    cache.l2().ttl(),
                    cache.l2().retryInterval(),
                    now,
                    registry.getIfUnique(() -> Metrics.globalRegistry));
        }
    }
}
