package ai.socagent.services.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A 202 is a promise, tested the hard way: the standalone jar runs as a real child JVM, findings are
 * posted to it as fast as it takes them, the JVM is killed with SIGKILL in the middle of the load, and
 * a new JVM started on the same data directory must show every threat that got a 202 classified —
 * exactly once: one classification and one {@code Threat Classification Complete} in its audit trail.
 *
 * <p>What makes it hold: the threat (and its raw payload) is durable before the 202, the in-process
 * bus journals each delivery before the publish returns and replays what was not handled at start,
 * handled events' claims are journaled with the removal, and events that happen once per threat
 * carry the same id however often they are published.
 */
class StandaloneCrashIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int KILL_AFTER_ACKS = 600;
    private static final String ADMIN_KEY = "soc_test-admin-key-0123456789abcdefghij";
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path data;

    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void stopChildren() {
        children.forEach(Process::destroyForcibly);
    }

    @Test
    void killDuringLoad_restart_everyAcknowledgedThreatIsClassifiedExactlyOnce() throws Exception {
        int port = freePort();
        Process first = start(port, "first");
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger sent = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        for (int c = 0; c < 8; c++) {
            clients.submit(() -> {
                while (!stop.get()) {
                    int n = sent.incrementAndGet();
                    try {
                        HttpResponse<String> response = HTTP.send(
                                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/threats"))
                                        .header("Content-Type", "application/json")
                                        .header("X-Api-Key", ADMIN_KEY)
                                        .timeout(Duration.ofSeconds(10))
                                        .POST(HttpRequest.BodyPublishers.ofString(threat(n)))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() == 202) {
                            JSON.readTree(response.body())
                                    .path("threats")
                                    .forEach(t ->
                                            acknowledged.add(t.path("threatId").asString()));
                        }
                    } catch (IOException | InterruptedException killed) {
                        return; // the server is gone: what was not answered was not promised
                    }
                }
            });
        }
        await().atMost(Duration.ofSeconds(120)).until(() -> acknowledged.size() >= KILL_AFTER_ACKS);
        first.destroyForcibly(); // SIGKILL: no shutdown hook, no flush, no goodbye
        first.waitFor(30, TimeUnit.SECONDS);
        stop.set(true);
        clients.shutdown();
        assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        Set<String> promised = Set.copyOf(acknowledged);
        assertThat(promised).hasSizeGreaterThanOrEqualTo(KILL_AFTER_ACKS);

        start(port, "restarted");

        await().atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> promised.stream().allMatch(id -> classificationCount(port, id) >= 1));
        Map<Long, Long> counts = new java.util.TreeMap<>();
        for (String id : promised) {
            counts.merge(classificationCount(port, id), 1L, Long::sum);
        }
        assertThat(counts).as("threats by number of classifications recorded").containsOnlyKeys(1L);
        // the kill left work behind that only the journal knew about: the test proves the replay
        String restartLog = Files.readString(data.resolve("restarted.log"));
        java.util.regex.Matcher replayed =
                java.util.regex.Pattern.compile("Replayed (\\d+) deliveries").matcher(restartLog);
        assertThat(replayed.find()).as("the restart replayed the journal").isTrue();
        System.out.printf(
                "StandaloneCrashIT: %d threats acknowledged before the kill (%d posted), %s deliveries replayed"
                        + " after it, each threat classified once%n",
                promised.size(), sent.get(), replayed.group(1));
    }

    /** How often the threat's audit trail says it was classified; 0 until it is (or when unknown). */
    private static long classificationCount(int port, String threatId) {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/threats/" + threatId))
                            .header("X-Api-Key", ADMIN_KEY)
                            .timeout(Duration.ofSeconds(10))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return 0;
            }
            JsonNode detail = JSON.readTree(response.body());
            if (detail.path("classification").isNull()
                    || detail.path("classification").isMissingNode()) {
                return 0;
            }
            long complete = 0;
            for (JsonNode entry : detail.path("activity")) {
                if (entry.path("detailType").asString().equals("Threat Classification Complete")) {
                    complete++;
                }
            }
            return complete;
        } catch (IOException | InterruptedException e) {
            return 0;
        }
    }

    private static String threat(int n) {
        return "{\"id\":\"crash-" + n + "\",\"title\":\"Beacon " + n + " to a C2 host\","
                + "\"description\":\"host web-" + n + " contacts 203.0.113." + (n % 250)
                + " every 60 seconds\",\"severity\":\"HIGH\","
                + "\"resources\":[{\"type\":\"EC2_INSTANCE\",\"id\":\"i-" + String.format("%017x", n) + "\"}]}";
    }

    private Process start(int port, String name) throws IOException {
        Path jar;
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            jar = files.filter(f -> f.getFileName().toString().matches("standalone-.*-exec\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no standalone exec jar in target/: run mvn package"));
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(
                        java.toString(),
                        "-Xmx768m",
                        "--enable-native-access=ALL-UNNAMED",
                        "-jar",
                        jar.toString(),
                        "--server.port=" + port,
                        "--soc.api.security.api-keys.bootstrap-key=" + ADMIN_KEY,
                        "--soc.standalone.replay-samples=false",
                        "--soc.context-store.embedded.file=" + data.resolve("context-store"),
                        "--soc.context-store.archive.local-directory=" + data.resolve("archive"),
                        "--soc.event-bus.in-process.journal.directory=" + data.resolve("event-bus"),
                        "--soc.knowledge-base.embedded.directory=" + data.resolve("knowledge-base"))
                .redirectErrorStream(true)
                .redirectOutput(data.resolve(name + ".log").toFile())
                .start();
        children.add(process);
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(() -> {
                    assertThat(process.isAlive())
                            .as("%s is alive (see %s.log)", name, name)
                            .isTrue();
                    return HTTP.send(
                                            HttpRequest.newBuilder(URI.create(
                                                            "http://127.0.0.1:" + port + "/actuator/health/readiness"))
                                                    .GET()
                                                    .build(),
                                            HttpResponse.BodyHandlers.ofString())
                                    .statusCode()
                            == 200;
                });
        return process;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
