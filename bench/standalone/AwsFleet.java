import ai.socagent.services.standalone.bootstrap.LocalAwsBootstrap;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * ModelBench's aws mode: the fleet as docker-compose's local mode runs it, on the test backends
 * (scripts/backends.sh: moto, redis-server, OpenSearch) instead of LocalStack. The bootstrap creates
 * this run's bus, rules, queues, tables, key and buckets in moto (names suffixed per run, deleted at
 * the end); threat-classifier and soc-api start from their own exec jars as two child JVMs with the
 * {@code local} profile and compose's environment: soc-api publishes to EventBridge, the classifier
 * consumes its SQS queues (the asynchronous listener, virtual threads) and calls the stand-in model,
 * and soc-api's dashboard and audit consumers read the results back from SQS. Never AWS: the
 * endpoint is the emulator's, the credentials are dummies.
 */
final class AwsFleet implements ModelBench.Fleet {

    private final LocalAwsBootstrap.Settings settings;
    private final LocalAwsBootstrap.Result created;
    private final AwsCredentialsProvider credentials;
    private final Process classifier;
    private final Process api;
    private final int classifierPort;
    private final int apiPort;

    private AwsFleet(
            LocalAwsBootstrap.Settings settings,
            LocalAwsBootstrap.Result created,
            AwsCredentialsProvider credentials,
            Process classifier,
            int classifierPort,
            Process api,
            int apiPort) {
        this.settings = settings;
        this.created = created;
        this.credentials = credentials;
        this.classifier = classifier;
        this.classifierPort = classifierPort;
        this.api = api;
        this.apiPort = apiPort;
    }

    static AwsFleet start(Path data, Path classifierJar, Path apiJar, List<String> converse, int limit)
            throws IOException {
        String endpoint = required("SOC_TEST_AWS_ENDPOINT");
        String id = UUID.randomUUID().toString().substring(0, 8);
        AwsCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        LocalAwsBootstrap.Settings settings = new LocalAwsBootstrap.Settings(
                URI.create(endpoint), Region.US_EAST_1, "bench-" + id, "-" + id, "alias/soc-bench-" + id, true);
        LocalAwsBootstrap.Result created = LocalAwsBootstrap.run(settings, credentials);
        Map<String, String> environment = Map.of(
                "SPRING_PROFILES_ACTIVE", "local",
                "SPRING_CLOUD_AWS_ENDPOINT", endpoint,
                "SPRING_CLOUD_AWS_REGION_STATIC", "us-east-1",
                "SPRING_CLOUD_AWS_CREDENTIALS_ACCESS_KEY", "test",
                "SPRING_CLOUD_AWS_CREDENTIALS_SECRET_KEY", "test",
                "SOC_REDIS_URI", required("SOC_TEST_REDIS_URI"),
                "SOC_OPENSEARCH_URI", required("SOC_TEST_OPENSEARCH_URI"),
                "SOC_KMS_KEY_ID", settings.kmsAlias());
        List<String> names = List.of(
                "--soc.event-bus.bus-name=" + created.bus().busName(),
                "--soc.event-bus.aws.queue-suffix=" + settings.busSuffix(),
                "--soc.event-bus.aws.idempotency-table=" + settings.idempotencyTable(),
                "--soc.context-store.environment=" + settings.environment(),
                // SOC_BENCH_SQS_WAIT: the consumers' long-poll wait (the product's default unless set)
                "--soc.event-bus.aws.wait-time-seconds=" + System.getProperty("soc.bench.sqs-wait", "20"),
                "--logging.level.root=WARN");
        int classifierPort = StandaloneBench.freePort();
        List<String> classifierSettings = new ArrayList<>(names);
        classifierSettings.addAll(converse);
        classifierSettings.addAll(List.of(
                // one ATT&CK index for every bench run: a later run finds it loaded
                "--soc.knowledge-base.opensearch.index-prefix=bench-kb",
                // room for the gate's limit and a line behind it, as in the standalone mode
                "--soc.event-bus.aws.queue-concurrency.threat-classifier=" + Math.min(1_000, 2 * limit)));
        Process classifier =
                child(classifierJar, data.resolve("threat-classifier"), classifierPort, environment, classifierSettings);
        int apiPort = StandaloneBench.freePort();
        List<String> apiSettings = new ArrayList<>(names);
        apiSettings.addAll(List.of(
                "--soc.api.security.api-keys.bootstrap-key=" + StandaloneBench.API_KEY,
                "--soc.api.throttle.rate-per-second=1000000",
                "--soc.api.throttle.burst=1000000"));
        Process api = child(apiJar, data.resolve("soc-api"), apiPort, environment, apiSettings);
        return new AwsFleet(settings, created, credentials, classifier, classifierPort, api, apiPort);
    }

    private static Process child(Path jar, Path directory, int port, Map<String, String> environment, List<String> settings)
            throws IOException {
        java.nio.file.Files.createDirectories(directory);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(
                java.toString(),
                "-Xmx1g",
                "--enable-native-access=ALL-UNNAMED",
                "-jar",
                jar.toAbsolutePath().toString(),
                "--server.port=" + port));
        command.addAll(settings);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("service.log").toFile());
        builder.environment().putAll(environment);
        return builder.start();
    }

    private static String required(String variable) {
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(variable + " is not set: run.sh model-aws sets it from scripts/backends.sh env");
        }
        return value;
    }

    @Override
    public int apiPort() {
        return apiPort;
    }

    @Override
    public int agentPort() {
        return classifierPort;
    }

    @Override
    public String description() {
        return "aws on moto (" + settings.endpoint() + "): soc-api and threat-classifier as two JVMs, EventBridge -> SQS,"
                + " DynamoDB context tables, Redis L2, OpenSearch knowledge base; bus " + created.bus().busName();
    }

    @Override
    public void stop() throws InterruptedException {
        for (Process process : List.of(api, classifier)) {
            process.destroy();
        }
        for (Process process : List.of(api, classifier)) {
            process.waitFor();
        }
        LocalAwsBootstrap.teardown(settings, created, credentials);
    }
}
