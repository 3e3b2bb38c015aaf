import ai.socagent.contextstore.ContextTables;
import ai.socagent.contextstore.adapter.out.embedded.EmbeddedContextStore;
import ai.socagent.domain.event.ThreatSubmitted;
import ai.socagent.domain.finding.Finding;
import ai.socagent.domain.threat.Threat;
import ai.socagent.eventbus.EventPublisher;
import ai.socagent.eventbus.TraceContext;
import ai.socagent.eventbus.inprocess.InProcessEventBus;
import ai.socagent.ingestion.FindingIngestion;
import ai.socagent.ingestion.SampleFindings;
import ai.socagent.services.standalone.StandaloneApplication;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The standalone mode under load (issue 9, part 5), two ways:
 *
 * <ul>
 *   <li>{@code pipeline [threats]}: the classifier path alone, in this JVM. The standalone context
 *       starts on a fresh data directory; threats (the 97 bundled samples, each with a fresh finding
 *       id) are published as {@code Threat Submitted} on the durable in-process bus by 2 threads, and
 *       the clock stops when the bus has delivered every one to the ThreatClassifier and every
 *       {@code Threat Classification Complete} to the audit trail: classification, context writes
 *       (RocksDB), journal commits and audit entries included, HTTP and ingestion excluded.
 *   <li>{@code api [rate] [seconds]}: the standalone jar as a child JVM, findings POSTed open-loop at
 *       a fixed rate (default 1,000/s for 60 s, each a distinct finding), the backlog (accepted minus
 *       classified, from the child's AI.Agent.ResponseTime count) sampled every 5 s, then the drain,
 *       then bytes on disk per threat: the context store, the bus journal and the raw-payload evidence
 *       as left, and the store again after a compaction.
 * </ul>
 *
 * Run with bench/standalone/run.sh.
 */
public final class StandaloneBench {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "pipeline";
        switch (mode) {
            case "pipeline" -> pipeline(args.length > 1 ? Integer.parseInt(args[1]) : 30_000);
            case "api" ->
                api(
                        args.length > 1 ? Integer.parseInt(args[1]) : 1_000,
                        args.length > 2 ? Integer.parseInt(args[2]) : 60,
                        args.length > 3 ? Path.of(args[3]) : null);
            default -> throw new IllegalArgumentException("mode is pipeline or api, not " + mode);
        }
    }

    // ------------------------------------------------------------------------------ pipeline

    static void pipeline(int count) throws Exception {
        Path data = Files.createTempDirectory("soc-bench-pipeline");
        ConfigurableApplicationContext context = new SpringApplicationBuilder(StandaloneApplication.class)
                .run(
                        "--server.port=0",
                        "--soc.standalone.replay-samples=false",
                        "--logging.level.root=WARN",
                        "--soc.context-store.embedded.file=" + data.resolve("context-store"),
                        "--soc.context-store.archive.local-directory=" + data.resolve("archive"),
                        "--soc.event-bus.in-process.journal.directory=" + data.resolve("event-bus"),
                        "--soc.knowledge-base.embedded.directory=" + data.resolve("knowledge-base"));
        try (context) {
            EventPublisher publisher = context.getBean(EventPublisher.class);
            InProcessEventBus bus = context.getBean(InProcessEventBus.class);
            List<Finding> samples = samples();
            // warm-up, not timed: long enough for the JIT to have compiled the path (SOC_BENCH_WARMUP threats)
            run(publisher, bus, samples, Integer.getInteger("soc.bench.warmup", 6_000), "warm-up");
            // JFR=<file> in run.sh: a profile of the timed round only (jdk.jfr's 'profile' settings)
            String jfr = System.getProperty("soc.bench.jfr", "");
            jdk.jfr.Recording recording = null;
            if (!jfr.isBlank()) {
                recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
                recording.setDestination(Path.of(jfr));
                recording.start();
            }
            Result result = run(publisher, bus, samples, count, "timed");
            if (recording != null) {
                recording.stop();
                recording.close();
                System.out.println("  JFR profile of the timed round: " + jfr);
            }
            System.out.printf(
                    Locale.ROOT,
                    "pipeline: %,d threats classified and audited in %.2f s = %,.0f threats/s (published at %,.0f/s);"
                            + " %,.0f threats per CPU-second of the JVM; %s cores, load average %.1f%n",
                    count,
                    result.seconds(),
                    count / result.seconds(),
                    count / result.publishSeconds(),
                    count / result.cpuSeconds(),
                    Runtime.getRuntime().availableProcessors(),
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                            .getSystemLoadAverage());
        }
    }

    record Result(double seconds, double publishSeconds, double cpuSeconds) {}

    /** CPU time this process used so far, all threads: on a shared machine, what the work costs. */
    static double processCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean)
                                java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                        .getProcessCpuTime()
                / 1e9;
    }

    static Result run(EventPublisher publisher, InProcessEventBus bus, List<Finding> samples, int count, String label)
            throws InterruptedException {
        long deliveredBefore = bus.deliveredCount();
        List<Threat> threats = new ArrayList<>(count);
        Instant now = Instant.now();
        for (int i = 0; i < count; i++) {
            threats.add(Threat.forFinding(fresh(samples.get(i % samples.size())), UUID.randomUUID().toString(), now));
        }
        // each threat: one delivery to the classifier, one Classification Complete to the audit trail,
        // and one Emergency Threat Detected to the audit trail when it was classified CRITICAL
        double cpuBefore = processCpuSeconds();
        long start = System.nanoTime();
        CountDownLatch published = new CountDownLatch(2);
        for (int t = 0; t < 2; t++) {
            int offset = t;
            Thread.ofPlatform().start(() -> {
                for (int i = offset; i < threats.size(); i += 2) {
                    publisher.publish(ThreatSubmitted.of(threats.get(i), Instant.now()), TraceContext.newRoot());
                }
                published.countDown();
            });
        }
        published.await();
        double publishSeconds = (System.nanoTime() - start) / 1e9;
        long idleSince = System.nanoTime();
        long last = -1;
        // done when at least two deliveries per threat happened and nothing moved for 300 ms
        while (true) {
            long delivered = bus.deliveredCount() - deliveredBefore;
            if (delivered != last) {
                last = delivered;
                idleSince = System.nanoTime();
            } else if (delivered >= 2L * count && System.nanoTime() - idleSince > 300_000_000L) {
                break;
            }
            Thread.sleep(20); // a benchmark's poll, not a test's wait
        }
        double seconds = (idleSince - start) / 1e9;
        double cpu = processCpuSeconds() - cpuBefore;
        System.out.printf(
                Locale.ROOT,
                "  %s: %,d threats, %,d deliveries in %.2f s, %.1f CPU-seconds%n",
                label,
                count,
                last,
                seconds,
                cpu);
        return new Result(seconds, publishSeconds, cpu);
    }

    static List<Finding> samples() {
        FindingIngestion ingestion = FindingIngestion.withDefaults();
        List<Finding> findings = new ArrayList<>();
        for (String path : SampleFindings.paths()) {
            findings.addAll(ingestion.ingest(SampleFindings.read(path), Instant.now()).findings());
        }
        return findings;
    }

    /** The same finding under a fresh id: a new threat, a new investigation. */
    static Finding fresh(Finding f) {
        String source = "bench-" + UUID.randomUUID();
        return new Finding(
                Finding.deterministicId(f.source(), source),
                f.source(),
                f.format(),
                source,
                f.findingType(),
                f.title(),
                f.description(),
                f.severity(),
                f.sourceSeverityScore(),
                f.accountId(),
                f.region(),
                f.firstSeen(),
                f.lastSeen(),
                f.resources(),
                f.indicators(),
                f.rawPayload(),
                f.receivedAt());
    }

    // ----------------------------------------------------------------------------------- api

    static void api(int rate, int seconds, Path jar) throws Exception {
        Path data = Files.createTempDirectory("soc-bench-api");
        int port = freePort();
        Process child = startChild(jar, data, port);
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1) // no h2c upgrade attempt on every new connection
                .executor(Executors.newFixedThreadPool(4))
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        try {
            waitReady(http, port);
            List<String> templates = templates();
            AtomicLong accepted = new AtomicLong();
            AtomicLong failed = new AtomicLong();
            java.util.Map<String, Long> failures = new java.util.concurrent.ConcurrentHashMap<>();
            ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
            Semaphore outstanding = new Semaphore(512);
            ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
            AtomicLong sent = new AtomicLong();
            long periodNanos = 1_000_000_000L / rate;
            long startNanos = System.nanoTime();
            long endNanos = startNanos + seconds * 1_000_000_000L;
            long classifiedBefore = classified(http, port);
            ticker.scheduleAtFixedRate(
                    () -> {
                        // open loop: as many requests as the schedule says by now, whatever answered
                        long due = Math.min((System.nanoTime() - startNanos) / periodNanos, (long) rate * seconds);
                        while (sent.get() < due && outstanding.tryAcquire()) {
                            long n = sent.incrementAndGet();
                            String body = templates.get((int) (n % templates.size()))
                                    .replace("BENCH-ID", "bench" + n + "x" + startNanos); // letters and digits: valid for GuardDuty
                            long requested = System.nanoTime();
                            http.sendAsync(
                                            HttpRequest.newBuilder(URI.create(
                                                            "http://127.0.0.1:" + port + "/api/v1/findings"))
                                                    .header("Content-Type", "application/json")
                                                    .POST(HttpRequest.BodyPublishers.ofString(body))
                                                    .build(),
                                            HttpResponse.BodyHandlers.discarding())
                                    .whenComplete((response, error) -> {
                                        outstanding.release();
                                        if (error == null && response.statusCode() == 202) {
                                            accepted.incrementAndGet();
                                            latencies.add(System.nanoTime() - requested);
                                        } else {
                                            failed.incrementAndGet();
                                            failures.merge(
                                                    error != null
                                                            ? rootCause(error).getClass().getSimpleName()
                                                            : "HTTP " + response.statusCode(),
                                                    1L,
                                                    Long::sum);
                                        }
                                    });
                        }
                    },
                    0,
                    1,
                    TimeUnit.MILLISECONDS);
            System.out.printf(Locale.ROOT, "api: %,d findings/s for %d s, open loop (at most 512 outstanding)%n", rate, seconds);
            System.out.println("    t   sent/s  accepted   classified  backlog");
            long previousSent = 0;
            for (int t = 5; t <= seconds; t += 5) {
                Thread.sleep(Math.max(0, startNanos + t * 1_000_000_000L - System.nanoTime()) / 1_000_000);
                long nowSent = sent.get();
                long classified = classified(http, port) - classifiedBefore;
                System.out.printf(
                        Locale.ROOT,
                        "  %3d  %7.0f  %8d  %11d  %7d%n",
                        t,
                        (nowSent - previousSent) / 5.0,
                        accepted.get(),
                        classified,
                        accepted.get() - classified);
                previousSent = nowSent;
            }
            ticker.shutdownNow();
            while (System.nanoTime() < endNanos || outstanding.availablePermits() < 512) {
                Thread.sleep(50);
            }
            long drainStart = System.nanoTime();
            while (classified(http, port) - classifiedBefore < accepted.get()
                    && System.nanoTime() - drainStart < 600_000_000_000L) {
                Thread.sleep(200);
            }
            double drain = (System.nanoTime() - drainStart) / 1e9;
            long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf(
                    Locale.ROOT,
                    "  accepted %,d (%.0f/s), failed %,d; 202 latency p50 %.1f ms, p99 %.1f ms; backlog drained %.1f s"
                            + " after the load%n",
                    accepted.get(),
                    accepted.get() / (double) seconds,
                    failed.get(),
                    percentile(sorted, 0.50) / 1e6,
                    percentile(sorted, 0.99) / 1e6,
                    drain);
            if (!failures.isEmpty()) {
                System.out.println("  failures: " + failures);
            }
            child.destroy(); // SIGTERM: a graceful stop, so the store closes its files
            child.waitFor(60, TimeUnit.SECONDS);
            disk(data, accepted.get());
        } finally {
            child.destroyForcibly();
        }
    }

    static void disk(Path data, long threats) throws IOException {
        long store = size(data.resolve("context-store"));
        long journal = size(data.resolve("event-bus"));
        long evidence = size(data.resolve("archive"));
        System.out.printf(
                Locale.ROOT,
                "  on disk per threat (%,d threats): context store %,d B, bus journal %,d B, raw-payload evidence"
                        + " %,d B (%,d files)%n",
                threats,
                store / threats,
                journal / threats,
                evidence / threats,
                count(data.resolve("archive")));
        try (EmbeddedContextStore reopened =
                EmbeddedContextStore.open(data.resolve("context-store"), ContextTables.forEnvironment("local"))) {
            reopened.compact();
        }
        System.out.printf(
                Locale.ROOT,
                "  context store after a compaction: %,d B per threat%n",
                size(data.resolve("context-store")) / threats);
    }

    static List<String> templates() {
        List<String> out = new ArrayList<>();
        for (String path : SampleFindings.paths()) {
            if (!path.startsWith("plain/") && !path.startsWith("guardduty/")) {
                continue;
            }
            JsonNode node = JSON.readTree(SampleFindings.read(path));
            var object = (tools.jackson.databind.node.ObjectNode) node;
            object.put("id", "BENCH-ID");
            out.add(JSON.writeValueAsString(object));
        }
        return out;
    }

    static long classified(HttpClient http, int port) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                                    + "/actuator/metrics/AI.Agent.ResponseTime?tag=agent:ThreatClassifier"))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return 0;
            }
            for (JsonNode measurement : JSON.readTree(response.body()).path("measurements")) {
                if (measurement.path("statistic").asString().equals("COUNT")) {
                    return measurement.path("value").asLong();
                }
            }
            return 0;
        } catch (IOException | InterruptedException e) {
            return 0;
        }
    }

    static Process startChild(Path jar, Path data, int port) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(
                        java.toString(),
                        "-Xmx1g",
                        "--enable-native-access=ALL-UNNAMED",
                        "-jar",
                        jar.toString(),
                        "--server.port=" + port,
                        "--soc.standalone.replay-samples=false",
                        "--logging.level.root=WARN",
                        "--soc.context-store.embedded.file=" + data.resolve("context-store"),
                        "--soc.context-store.archive.local-directory=" + data.resolve("archive"),
                        "--soc.event-bus.in-process.journal.directory=" + data.resolve("event-bus"),
                        "--soc.knowledge-base.embedded.directory=" + data.resolve("knowledge-base"))
                .redirectErrorStream(true)
                .redirectOutput(data.resolve("standalone.log").toFile())
                .start();
    }

    static void waitReady(HttpClient http, int port) throws InterruptedException {
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(
                                        HttpRequest.newBuilder(URI.create(
                                                        "http://127.0.0.1:" + port + "/actuator/health/readiness"))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the standalone did not become ready");
    }

    static long size(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(file -> {
                        try {
                            return Files.size(file);
                        } catch (IOException gone) {
                            return 0;
                        }
                    })
                    .sum();
        }
    }

    static long count(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    static Throwable rootCause(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (p * sorted.length))];
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private StandaloneBench() {}
}
