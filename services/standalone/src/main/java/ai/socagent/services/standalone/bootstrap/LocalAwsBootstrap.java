package ai.socagent.services.standalone.bootstrap;

import ai.socagent.contextstore.ContextTables;
import ai.socagent.contextstore.adapter.out.dynamodb.ContextTableProvisioner;
import ai.socagent.contextstore.adapter.out.s3.S3ArchiveProvisioner;
import ai.socagent.eventbus.aws.BootstrappedBus;
import ai.socagent.eventbus.aws.DynamoDbIdempotencyStore;
import ai.socagent.eventbus.aws.LocalBusBootstrapper;
import ai.socagent.eventbus.config.EventBusAwsClientsAutoConfiguration;
import ai.socagent.eventbus.routing.RoutingDefinition;
import ai.socagent.eventbus.routing.RoutingDefinitions;
import io.awspring.cloud.autoconfigure.core.AwsAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.AwsClientBuilderConfigurer;
import io.awspring.cloud.autoconfigure.core.CredentialsProviderAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.RegionProviderAutoConfiguration;
import io.awspring.cloud.autoconfigure.s3.S3AutoConfiguration;
import io.awspring.cloud.autoconfigure.sns.SnsProperties;
import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.AliasListEntry;
import software.amazon.awssdk.services.kms.model.AlreadyExistsException;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Creates, in an AWS emulator (LocalStack for docker-compose's local mode, moto in the tests), what
 * the fleet expects to find there: the agents' EventBridge bus with the rules, SQS queues,
 * dead-letter queues and SNS topic of {@code infra/events/rules.json} ({@link LocalBusBootstrapper}),
 * the three context tables ({@link ContextTableProvisioner}) and the event bus's idempotency table,
 * the customer KMS key of the archive (found by its alias, else created with it) and the two archive
 * buckets ({@link S3ArchiveProvisioner}). Every step is a create-if-missing, so running it again, or
 * twice at once, changes nothing. In AWS, Terraform owns all of it; this refuses to run without an
 * endpoint.
 *
 * <p>From a shell or docker-compose's one-shot {@code bootstrap} service: {@code java -jar
 * standalone-exec.jar bootstrap [--endpoint URL] [--region R] [--environment local] [--suffix S]
 * [--kms-alias alias/soc-local] [--topic-targets-as-queues]}; the endpoint defaults to {@code
 * SPRING_CLOUD_AWS_ENDPOINT}, the region to {@code SPRING_CLOUD_AWS_REGION_STATIC} (else {@code
 * AWS_REGION}), credentials to spring-cloud-aws's ({@code SPRING_CLOUD_AWS_CREDENTIALS_ACCESS_KEY} /
 * {@code _SECRET_KEY}, else the SDK's default chain). It builds no client itself: a non-web Spring
 * context gives it the fleet's clients from {@code spring.cloud.aws.*} ({@link Clients}).
 */
public final class LocalAwsBootstrap {

    /** The idempotency table of an environment: {@code local-EventIdempotencyTable}. */
    public static final String IDEMPOTENCY_TABLE = "EventIdempotencyTable";

    /** The alias of the archive's customer key in the local mode. */
    public static final String DEFAULT_KMS_ALIAS = "alias/soc-local";

    /**
     * @param endpoint the emulator
     * @param region the region to sign for
     * @param environment the context store's environment: prefix of the tables and buckets ({@code
     *     soc.context-store.environment}); default {@code local}
     * @param busSuffix appended to the bus, rule, queue and topic names ({@code
     *     soc.event-bus.aws.queue-suffix}); default none
     * @param kmsAlias the archive key's alias ({@code soc.context-store.archive.kms-key-id})
     * @param topicTargetsAsQueues moto only: rules deliver to a queue named after each SNS topic
     *     ({@link LocalBusBootstrapper#withTopicTargetsAsQueues()})
     */
    public record Settings(
            URI endpoint,
            Region region,
            String environment,
            String busSuffix,
            String kmsAlias,
            boolean topicTargetsAsQueues) {
        public Settings {
            Objects.requireNonNull(endpoint, "endpoint: the bootstrap is for emulators (LocalStack, moto) only");
            Objects.requireNonNull(region, "region");
            environment = environment == null ? "local" : environment;
            busSuffix = busSuffix == null ? "" : busSuffix;
            kmsAlias = kmsAlias == null ? DEFAULT_KMS_ALIAS : kmsAlias;
            if (!kmsAlias.startsWith("alias/")) {
                throw new IllegalArgumentException("kms alias must start with alias/: " + kmsAlias);
            }
        }

        /** The idempotency table's name ({@code soc.event-bus.aws.idempotency-table}). */
        public String idempotencyTable() {
            return environment.isEmpty() ? IDEMPOTENCY_TABLE : environment + "-" + IDEMPOTENCY_TABLE;
        }

        /** A bucket's physical name, prefixed like the context store does. */
        public String bucketName(String name) {
            return environment.isEmpty() ? name : environment + "-" + name;
        }
    }

    /** What exists after a run. */
    public record Result(BootstrappedBus bus, List<String> tables, String kmsKeyArn, List<String> buckets) {}

    private LocalAwsBootstrap() {}

    /**
     * Creates whatever of it is missing, with {@code credentials} (null: spring-cloud-aws's, from
     * {@code spring.cloud.aws.credentials.*} or the SDK's default chain); safe to repeat and to run
     * concurrently. The clients are those of the fleet, from a non-web Spring context with {@code
     * spring.cloud.aws.endpoint} and {@code spring.cloud.aws.region.static} set from {@code settings}.
     */
    public static Result run(Settings settings, AwsCredentialsProvider credentials) {
        try (ConfigurableApplicationContext context = clients(settings, credentials)) {
            return run(
                    settings,
                    context.getBean(EventBridgeClient.class),
                    context.getBean(SqsClient.class),
                    context.getBean(SnsClient.class),
                    context.getBean(DynamoDbClient.class),
                    context.getBean(KmsClient.class),
                    context.getBean(S3Client.class));
        }
    }

    /**
     * Deletes what {@link #run} created for {@code settings} (the result {@code created}): the bus with
     * its rules, queues and topics, the tables, the buckets with every object version (past the
     * evidence bucket's governance-mode object lock), the key's alias, and schedules the key's deletion.
     * For runs that share one emulator (tests, benchmarks) and clean up after themselves.
     */
    public static void teardown(Settings settings, Result created, AwsCredentialsProvider credentials) {
        try (ConfigurableApplicationContext context = clients(settings, credentials)) {
            LocalBusBootstrapper.create(
                            context.getBean(EventBridgeClient.class),
                            context.getBean(SqsClient.class),
                            context.getBean(SnsClient.class))
                    .teardown(RoutingDefinitions.bundled(), created.bus());
            DynamoDbClient dynamo = context.getBean(DynamoDbClient.class);
            created.tables().forEach(table -> dynamo.deleteTable(b -> b.tableName(table)));
            S3Client s3 = context.getBean(S3Client.class);
            created.buckets().forEach(bucket -> {
                s3.listObjectVersionsPaginator(b -> b.bucket(bucket))
                        .versions()
                        .forEach(version -> s3.deleteObject(b -> b.bucket(bucket)
                                .key(version.key())
                                .versionId(version.versionId())
                                .bypassGovernanceRetention(true)));
                s3.deleteBucket(b -> b.bucket(bucket));
            });
            KmsClient kms = context.getBean(KmsClient.class);
            kms.deleteAlias(b -> b.aliasName(settings.kmsAlias()));
            // by key id: moto answers HTTP 500 to ScheduleKeyDeletion with the key's ARN
            String keyId = created.kmsKeyArn().substring(created.kmsKeyArn().lastIndexOf('/') + 1);
            kms.scheduleKeyDeletion(b -> b.keyId(keyId).pendingWindowInDays(7));
        }
    }

    /** The fleet's clients for {@code settings}' emulator, in a small non-web Spring context. */
    private static ConfigurableApplicationContext clients(Settings settings, AwsCredentialsProvider credentials) {
        SpringApplicationBuilder application = new SpringApplicationBuilder(Clients.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false);
        if (credentials != null) {
            application.initializers(
                    context -> context.getBeanFactory().registerSingleton("bootstrapCredentials", credentials));
        }
        // arguments, not default properties: they win over the standalone application.yml
        return application.run(
                "--spring.cloud.aws.endpoint=" + settings.endpoint(),
                "--spring.cloud.aws.region.static=" + settings.region().id(),
                "--spring.cloud.aws.s3.enabled=true",
                "--spring.cloud.aws.s3.path-style-access-enabled=true",
                "--soc.event-bus.mode=aws",
                "--spring.main.register-shutdown-hook=false",
                "--spring.main.lazy-initialization=true");
    }

    /**
     * The bootstrap's clients, all from {@code spring.cloud.aws.*}: the event bus's (EventBridge, SQS,
     * DynamoDB), spring-cloud-aws's S3 starter's, and SNS and KMS clients through the same configurer
     * (spring-cloud-aws's SNS starter needs an {@code sns-message-manager} the SDK BOM's version does
     * not publish; {@code spring.cloud.aws.sns.endpoint/region} still apply). Deliberately no
     * {@code @Configuration}: the standalone application's component scan must not find it.
     */
    @ImportAutoConfiguration({
        RegionProviderAutoConfiguration.class,
        CredentialsProviderAutoConfiguration.class,
        AwsAutoConfiguration.class,
        S3AutoConfiguration.class,
        EventBusAwsClientsAutoConfiguration.class
    })
    @EnableConfigurationProperties(SnsProperties.class)
    static class Clients {

        @Bean(destroyMethod = "close")
        SnsClient snsClient(AwsClientBuilderConfigurer configurer, SnsProperties properties) {
            return configurer.configure(SnsClient.builder(), properties, null).build();
        }

        @Bean(destroyMethod = "close")
        KmsClient kmsClient(AwsClientBuilderConfigurer configurer) {
            return configurer.configure(KmsClient.builder()).build();
        }
    }

    private static Result run(
            Settings settings,
            EventBridgeClient events,
            SqsClient sqs,
            SnsClient sns,
            DynamoDbClient dynamo,
            KmsClient kms,
            S3Client s3) {
        RoutingDefinition definition = RoutingDefinitions.bundled();
        LocalBusBootstrapper bootstrapper = LocalBusBootstrapper.create(events, sqs, sns);
        if (settings.topicTargetsAsQueues()) {
            bootstrapper = bootstrapper.withTopicTargetsAsQueues();
        }
        BootstrappedBus bus;
        try {
            bus = bootstrapper.bootstrap(definition, settings.busSuffix());
        } catch (ResourceAlreadyExistsException createdMeanwhile) {
            // a concurrent run created the bus between our look-up and our create: look again
            bus = bootstrapper.bootstrap(definition, settings.busSuffix());
        }

        ContextTables tables = ContextTables.forEnvironment(settings.environment());
        ContextTableProvisioner.create(dynamo, tables).provision();
        DynamoDbIdempotencyStore.createTable(dynamo, settings.idempotencyTable());
        dynamo.waiter().waitUntilTableExists(b -> b.tableName(settings.idempotencyTable()));
        List<String> tableNames = new ArrayList<>(tables.names());
        tableNames.add(settings.idempotencyTable());

        String keyArn = kmsKey(kms, settings.kmsAlias());
        String archive = settings.bucketName("context-archive");
        String evidence = settings.bucketName("investigation-evidence");
        S3ArchiveProvisioner.create(s3, archive, evidence, keyArn).provision();
        return new Result(bus, List.copyOf(tableNames), keyArn, List.of(archive, evidence));
    }

    /** The ARN of the key {@code alias} names; creates key and alias when there is none. */
    static String kmsKey(KmsClient kms, String alias) {
        Optional<String> existing = aliasTarget(kms, alias);
        if (existing.isPresent()) {
            return kms.describeKey(b -> b.keyId(existing.get())).keyMetadata().arn();
        }
        KeyMetadata created = kms.createKey(b -> b.description("SOC agent local archive key (" + alias + ")"))
                .keyMetadata();
        try {
            kms.createAlias(b -> b.aliasName(alias).targetKeyId(created.keyId()));
            return created.arn();
        } catch (AlreadyExistsException raced) {
            // a concurrent run won: use its key, retire ours
            kms.scheduleKeyDeletion(b -> b.keyId(created.keyId()).pendingWindowInDays(7));
            String winner = aliasTarget(kms, alias).orElseThrow(() -> raced);
            return kms.describeKey(b -> b.keyId(winner)).keyMetadata().arn();
        }
    }

    private static Optional<String> aliasTarget(KmsClient kms, String alias) {
        return kms.listAliasesPaginator(b -> b.limit(100)).aliases().stream()
                .filter(entry -> alias.equals(entry.aliasName()) && entry.targetKeyId() != null)
                .map(AliasListEntry::targetKeyId)
                .findFirst();
    }

    /** {@code bootstrap [--endpoint URL] [--region R] [--environment E] [--suffix S] [--kms-alias A] [--topic-targets-as-queues]}. */
    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        String endpoint = System.getenv("SPRING_CLOUD_AWS_ENDPOINT");
        String region = Optional.ofNullable(System.getenv("SPRING_CLOUD_AWS_REGION_STATIC"))
                .or(() -> Optional.ofNullable(System.getenv("AWS_REGION")))
                .orElse("us-east-1");
        String environment = null;
        String suffix = null;
        String alias = null;
        boolean topicsAsQueues = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--topic-targets-as-queues")) {
                topicsAsQueues = true;
                continue;
            }
            if (i + 1 >= args.length) {
                return usage(err, "missing value of " + arg);
            }
            String value = args[++i];
            switch (arg) {
                case "--endpoint" -> endpoint = value;
                case "--region" -> region = value;
                case "--environment" -> environment = value;
                case "--suffix" -> suffix = value;
                case "--kms-alias" -> alias = value;
                default -> {
                    return usage(err, "unknown option " + arg);
                }
            }
        }
        if (endpoint == null || endpoint.isBlank()) {
            return usage(err, "no endpoint: set SPRING_CLOUD_AWS_ENDPOINT or --endpoint (LocalStack, moto; never AWS)");
        }
        Settings settings =
                new Settings(URI.create(endpoint), Region.of(region), environment, suffix, alias, topicsAsQueues);
        Result result = run(settings, null);
        out.println("bootstrapped " + settings.endpoint() + ": bus "
                + result.bus().busName() + ", "
                + result.bus().queueUrls().size() + " queues, "
                + result.bus().topicArns().size() + " topics, "
                + result.bus().ruleArns().size() + " rules; tables " + result.tables() + "; key "
                + settings.kmsAlias() + " = " + result.kmsKeyArn() + "; buckets " + result.buckets());
        return 0;
    }

    private static int usage(PrintStream err, String problem) {
        err.println(problem);
        err.println("usage: bootstrap [--endpoint URL] [--region R] [--environment local] [--suffix S]"
                + " [--kms-alias alias/soc-local] [--topic-targets-as-queues]");
        return 2;
    }
}
