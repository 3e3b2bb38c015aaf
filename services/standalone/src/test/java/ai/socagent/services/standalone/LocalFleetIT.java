package ai.socagent.services.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.socagent.contextstore.ContextTables;
import ai.socagent.ingestion.SampleFindings;
import ai.socagent.services.socapi.SocApiApplication;
import ai.socagent.services.standalone.bootstrap.LocalAwsBootstrap;
import ai.socagent.services.threatclassifier.ThreatClassifierApplication;
import ai.socagent.testsupport.backends.AwsEndpoint;
import ai.socagent.testsupport.backends.BackendMode;
import ai.socagent.testsupport.backends.TestBackends;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The local mode of docker-compose.yml, without Docker: the bootstrap creates the bus, rules,
 * queues, tables, key and buckets in the emulator (moto here, LocalStack in compose), then soc-api
 * and threat-classifier start as two separate Spring applications with the {@code local} profile
 * and the environment compose gives them ({@code SPRING_CLOUD_AWS_ENDPOINT}, {@code
 * SPRING_CLOUD_AWS_REGION_STATIC}, {@code SPRING_CLOUD_AWS_CREDENTIALS_*}: spring-cloud-aws builds every
 * AWS client from them; {@code SOC_REDIS_URI}, {@code SOC_OPENSEARCH_URI}: the classifier's knowledge base is OpenSearch there). A finding posted to soc-api comes back classified: soc-api -> EventBridge ->
 * SQS -> threat-classifier -> EventBridge -> SQS -> soc-api.
 *
 * <p>Every name gets a per-run suffix so runs sharing the emulator never collide; each application
 * reads its own module's application.yml and application-local.yml (the test classpath holds every
 * service's, so the location is given explicitly).
 */
class LocalFleetIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String ADMIN_KEY = "soc_test-admin-key-0123456789abcdefghij";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path data;

    private static AwsEndpoint aws;
    private static String id;
    private static LocalAwsBootstrap.Settings settings;
    private static LocalAwsBootstrap.Result bootstrapped;
    private static final List<ConfigurableApplicationContext> fleet = new ArrayList<>();
    private static URI socApi;
    private static URI secondSocApi;
    private static final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void bootstrapAndStartTheFleet() throws Exception {
        aws = TestBackends.aws();
        id = TestBackends.uniqueName("f").substring(2);
        settings = new LocalAwsBootstrap.Settings(
                aws.endpoint(),
                aws.region(),
                "it-" + id,
                "-" + id,
                "alias/soc-it-" + id,
                TestBackends.mode() == BackendMode.PROCESS);

        // Twice at once, as two `docker compose up` might: both succeed and agree.
        CompletableFuture<LocalAwsBootstrap.Result> first =
                CompletableFuture.supplyAsync(() -> LocalAwsBootstrap.run(settings, aws.credentials()));
        CompletableFuture<LocalAwsBootstrap.Result> second =
                CompletableFuture.supplyAsync(() -> LocalAwsBootstrap.run(settings, aws.credentials()));
        bootstrapped = first.get();
        assertThat(second.get()).isEqualTo(bootstrapped);

        fleet.add(start(ThreatClassifierApplication.class, "threat-classifier"));
        ConfigurableApplicationContext api = start(SocApiApplication.class, "soc-api");
        fleet.add(api);
        socApi = URI.create("http://127.0.0.1:" + api.getEnvironment().getProperty("local.server.port"));
        // a second instance of the API behind the same load balancer: it holds nothing of its own
        ConfigurableApplicationContext secondApi = start(SocApiApplication.class, "soc-api-2");
        fleet.add(secondApi);
        secondSocApi =
                URI.create("http://127.0.0.1:" + secondApi.getEnvironment().getProperty("local.server.port"));
    }

    /** One service as compose runs it: profile local, compose's environment, its own config files. */
    private static ConfigurableApplicationContext start(Class<?> application, String name) throws Exception {
        AwsCredentials credentials = aws.credentials().resolveCredentials();
        return new SpringApplicationBuilder(application)
                .profiles("local")
                .run(
                        "--spring.config.location=" + configLocation(application),
                        "--server.port=0",
                        "--soc.api.security.api-keys.bootstrap-key=" + ADMIN_KEY,
                        // what docker-compose.yml sets in the environment: one endpoint for every client
                        "--SPRING_CLOUD_AWS_ENDPOINT=" + aws.endpoint(),
                        "--SPRING_CLOUD_AWS_REGION_STATIC=" + aws.region().id(),
                        "--SPRING_CLOUD_AWS_CREDENTIALS_ACCESS_KEY=" + credentials.accessKeyId(),
                        "--SPRING_CLOUD_AWS_CREDENTIALS_SECRET_KEY=" + credentials.secretAccessKey(),
                        "--SOC_REDIS_URI=" + TestBackends.redis().uri(),
                        "--SOC_OPENSEARCH_URI=" + TestBackends.openSearch().uri(),
                        "--SOC_KMS_KEY_ID=" + settings.kmsAlias(),
                        // this run's names instead of the bootstrap's defaults
                        "--soc.event-bus.bus-name=" + bootstrapped.bus().busName(),
                        "--soc.event-bus.aws.queue-suffix=" + settings.busSuffix(),
                        "--soc.event-bus.aws.idempotency-table=" + settings.idempotencyTable(),
                        "--soc.event-bus.aws.wait-time-seconds=1",
                        "--soc.context-store.environment=" + settings.environment(),
                        // one ATT&CK index for every run: a later run finds it loaded and skips indexing
                        "--soc.knowledge-base.opensearch.index-prefix=local-fleet-it-kb",
                        // libraries of the other services are on this test classpath too: keep their
                        // embedded files apart (soc-api in compose has no context store at all)
                        "--soc.context-store.embedded.file=" + data.resolve(name + "-context.mv"),
                        "--soc.knowledge-base.embedded.directory=" + data.resolve(name + "-knowledge-base"));
    }

    /** Where {@code application}'s own application.yml lies: its module's classes directory or jar. */
    private static String configLocation(Class<?> application) {
        URL source = application.getProtectionDomain().getCodeSource().getLocation();
        String location = source.toString();
        if (location.endsWith(".jar")) {
            return "jar:" + location + "!/";
        }
        return location.endsWith("/") ? location : location + "/";
    }

    @AfterAll
    static void stopAndTearDown() {
        fleet.reversed().forEach(ConfigurableApplicationContext::close);
        if (bootstrapped == null) {
            return;
        }
        LocalAwsBootstrap.teardown(settings, bootstrapped, aws.credentials());
    }

    @Test
    void bootstrap_createsTheBusQueuesTablesKeyAndBuckets() {
        assertThat(bootstrapped.bus().busName()).isEqualTo("ai-agent-events-" + id);
        assertThat(bootstrapped.bus().queueUrls())
                .containsKeys("threat-classifier", "threat-classifier-dlq", "audit-trail", "dashboard");
        assertThat(bootstrapped.tables())
                .containsAll(ContextTables.forEnvironment("it-" + id).names())
                .contains("it-" + id + "-EventIdempotencyTable");
        assertThat(bootstrapped.kmsKeyArn()).startsWith("arn:aws:kms:");
        assertThat(bootstrapped.buckets())
                .containsExactly("it-" + id + "-context-archive", "it-" + id + "-investigation-evidence");

        // A third run, after the fact, still finds everything and creates nothing new.
        assertThat(LocalAwsBootstrap.run(settings, aws.credentials())).isEqualTo(bootstrapped);
    }

    /**
     * The classifier, in its own process in compose, reports its status to AgentContextTable in
     * DynamoDB; both instances of the API read it: up, offline, its two SQS queues (whose deliveries
     * an SQS consumer cannot tell locally).
     */
    @Test
    void agentStatus_ofTheClassifier_reachesEveryApiInstanceThroughDynamoDb() {
        for (URI api : List.of(socApi, secondSocApi)) {
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                HttpResponse<String> answer = http.send(
                        HttpRequest.newBuilder(api.resolve("/api/v1/agents/ThreatClassifier"))
                                .header("X-Api-Key", ADMIN_KEY)
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                JsonNode agent = JSON.readTree(answer.body());
                assertThat(agent.path("state").asString()).as("%s", agent).isEqualTo("up");
                JsonNode instance = agent.path("instances").get(0);
                assertThat(instance.path("modelMode").asString()).isEqualTo("offline");
                List<String> queues = new ArrayList<>();
                instance.path("queues").forEach(queue -> {
                    queues.add(queue.path("queue").asString());
                    assertThat(queue.path("waiting").isNull()).as("%s", queue).isTrue();
                });
                assertThat(queues).containsExactly("threat-classifier", "threat-classifier-priority");
            });
        }
    }

    @Test
    void finding_postedToSocApi_comesBackClassifiedThroughEventBridgeAndSqs() throws Exception {
        String sample = SampleFindings.paths().stream()
                .filter(path -> path.contains("guardduty"))
                .findFirst()
                .orElseThrow();
        HttpResponse<String> submitted = http.send(
                HttpRequest.newBuilder(socApi.resolve("/api/v1/threats"))
                        .header("Content-Type", "application/json")
                        .header("X-Api-Key", ADMIN_KEY)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(SampleFindings.read(sample)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
        String threat = submitted.headers().firstValue("Location").orElseThrow();

        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            HttpResponse<String> detail = http.send(
                    HttpRequest.newBuilder(socApi.resolve(threat))
                            .header("X-Api-Key", ADMIN_KEY)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(detail.statusCode()).isEqualTo(200);
            JsonNode body = JSON.readTree(detail.body());
            assertThat(body.path("classification").path("techniques").isEmpty())
                    .as("classification of %s", body)
                    .isFalse();
            List<String> activity = new ArrayList<>();
            body.path("activity").forEach(a -> activity.add(a.path("detailType").asString()));
            assertThat(activity).contains("Threat Classification Complete");
        });
        // the other instance of the API sees the same threat, classified: the read model is DynamoDB
        HttpResponse<String> elsewhere = http.send(
                HttpRequest.newBuilder(secondSocApi.resolve(threat))
                        .header("X-Api-Key", ADMIN_KEY)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(elsewhere.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(elsewhere.body())
                        .path("classification")
                        .path("techniques")
                        .isEmpty())
                .isFalse();
        HttpResponse<String> listed = http.send(
                HttpRequest.newBuilder(secondSocApi.resolve("/api/v1/threats?limit=50"))
                        .header("X-Api-Key", ADMIN_KEY)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(listed.body()).contains(threat.substring(threat.lastIndexOf('/') + 1));
    }

    /**
     * A plain threat filled to the ingestion limit (256 KiB) with text the finding keeps: the event
     * that carries it fits EventBridge's 256 KB entry (the payload travels by reference, the
     * normalised finding is held to its budget), and it comes back classified.
     */
    @Test
    void finding_atTheIngestionLimit_comesBackClassifiedThroughEventBridgeAndSqs() throws Exception {
        int limit = ai.socagent.ingestion.IngestionLimits.DEFAULT_MAX_PAYLOAD_BYTES;
        tools.jackson.databind.node.ObjectNode threat = JSON.createObjectNode()
                .put("id", "limit-" + id)
                .put("title", "Bulk export of customer data to an unknown host")
                .put("description", "d".repeat(16 * 1024))
                .put("severity", "HIGH");
        tools.jackson.databind.node.ObjectNode tags = threat.putArray("resources")
                .addObject()
                .put("type", "S3_BUCKET")
                .put("id", "customer-exports")
                .putObject("tags");
        for (int i = 0; JSON.writeValueAsBytes(threat).length < limit - 70_000; i++) {
            tags.put("tag-" + i, String.valueOf((char) ('a' + i)).repeat(60_000));
        }
        tags.put("last", "z".repeat(limit - JSON.writeValueAsBytes(threat).length - 20));
        byte[] payload = JSON.writeValueAsBytes(threat);
        assertThat(payload.length).isBetween(limit - 64, limit);

        HttpResponse<String> submitted = http.send(
                HttpRequest.newBuilder(socApi.resolve("/api/v1/threats"))
                        .header("Content-Type", "application/json")
                        .header("X-Api-Key", ADMIN_KEY)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(payload))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
        String location = submitted.headers().firstValue("Location").orElseThrow();

        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            HttpResponse<String> detail = http.send(
                    HttpRequest.newBuilder(socApi.resolve(location))
                            .header("X-Api-Key", ADMIN_KEY)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(detail.statusCode()).isEqualTo(200);
            JsonNode body = JSON.readTree(detail.body());
            assertThat(body.path("classification").isObject()).as("classified").isTrue();
            // the original payload, in full, is the threat's evidence in S3
            assertThat(body.path("finding").path("rawPayload").asString().length())
                    .isEqualTo(payload.length);
        });
    }
}
