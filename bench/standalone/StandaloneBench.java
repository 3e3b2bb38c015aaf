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
        var clientThreads = Executors.newFixedThreadPool(4);
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1) // no h2c upgrade attempt on every new connection
                .executor(clientThreads)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        try {
            waitReady(http, port);
            List<String> templates = templates();
            String wrk = System.getProperty("soc.bench.wrk", "");
            java.util.function.IntFunction<Load> loads = duration -> wrk.isBlank()
                    ? new JavaClientLoad(http, port, templates, rate, duration)
                    : new WrkLoad(Path.of(wrk), port, templates, rate, duration, data);
            // A cold JVM spends its first seconds compiling: warm the server up (not measured), let it drain.
            int warmup = Integer.getInteger("soc.bench.api-warmup", 20);
            if (warmup > 0) {
                Load warming = loads.apply(warmup);
                warming.start();
                warming.awaitEnd();
                long warmed = accepted(http, port);
                while (classified(http, port) < warmed) {
                    Thread.sleep(200);
                }
                System.out.printf(Locale.ROOT, "  warm-up: %d s, %,d findings accepted and classified%n", warmup, warmed);
            }
            Load load = loads.apply(seconds);
            // SOC_BENCH_CHILD_JFR=<file> in run.sh: a profile of the server during the measured round
            String childJfr = System.getProperty("soc.bench.child-jfr", "");
            if (!childJfr.isBlank()) {
                jcmd(child, "JFR.start", "name=bench", "settings=profile", "filename=" + childJfr);
            }
            long acceptedBefore = accepted(http, port);
            long classifiedBefore = classified(http, port);
            double cpuBefore = cpuSeconds(child);
            long startNanos = System.nanoTime();
            load.start();
            System.out.printf(Locale.ROOT, "api: %,d findings/s for %d s, %s%n", rate, seconds, load.describe());
            System.out.println("    t   sent/s  accepted   classified  backlog");
            long previousSent = 0;
            for (int t = 5; t <= seconds; t += 5) {
                Thread.sleep(Math.max(0, startNanos + t * 1_000_000_000L - System.nanoTime()) / 1_000_000);
                long nowSent = load.sent();
                long accepted = accepted(http, port) - acceptedBefore;
                long classified = classified(http, port) - classifiedBefore;
                System.out.printf(
                        Locale.ROOT,
                        "  %3d  %7.0f  %8d  %11d  %7d%n",
                        t,
                        (nowSent - previousSent) / 5.0,
                        accepted,
                        classified,
                        accepted - classified);
                previousSent = nowSent;
            }
            load.awaitEnd();
            if (!childJfr.isBlank()) {
                jcmd(child, "JFR.stop", "name=bench");
                System.out.println("  JFR profile of the server during the load: " + childJfr);
            }
            long accepted = accepted(http, port) - acceptedBefore;
            double loadCpu = cpuSeconds(child) - cpuBefore;
            long drainStart = System.nanoTime();
            while (classified(http, port) - classifiedBefore < accepted
                    && System.nanoTime() - drainStart < 600_000_000_000L) {
                Thread.sleep(200);
            }
            double drain = (System.nanoTime() - drainStart) / 1e9;
            double totalCpu = cpuSeconds(child) - cpuBefore;
            System.out.printf(
                    Locale.ROOT,
                    "  accepted %,d (%.0f/s); %s; backlog drained %.1f s after the load%n",
                    accepted,
                    accepted / (double) seconds,
                    load.summary(),
                    drain);
            System.out.printf(
                    Locale.ROOT,
                    "  server CPU: %.1f s during the load, %.1f s until drained = %.2f ms per accepted and classified"
                            + " threat (2 cores = %.0f threats/s at most, the load generator's CPU aside)%n",
                    loadCpu,
                    totalCpu,
                    1000 * totalCpu / Math.max(1, accepted),
                    Runtime.getRuntime().availableProcessors() * Math.max(1, accepted) / totalCpu);
            child.destroy(); // SIGTERM: a graceful stop, so the store closes its files
            child.waitFor(60, TimeUnit.SECONDS);
            disk(data, accepted + acceptedBefore); // the warm-up's threats are on disk too
        } finally {
            child.destroyForcibly();
            clientThreads.shutdownNow(); // its threads are not daemons: the JVM would not exit
        }
    }

    /** A load generator for the api mode. */
    interface Load {
        void start() throws IOException;

        /** Requests sent so far (or issued, for wrk: its request count is known only at the end). */
        long sent();

        void awaitEnd() throws InterruptedException;

        String describe();

        String summary();
    }

    /** wrk (Debian's package): closed loop on 64 connections, each pausing so that together they send the rate. */
    static final class WrkLoad implements Load {
        private static final int CONNECTIONS = 64;
        private final Path wrk;
        private final int port;
        private final List<String> templates;
        private final int rate;
        private final int seconds;
        private final Path directory;
        private Process process;
        private long startNanos;

        WrkLoad(Path wrk, int port, List<String> templates, int rate, int seconds, Path directory) {
            this.wrk = wrk;
            this.port = port;
            this.templates = templates;
            this.rate = rate;
            this.seconds = seconds;
            this.directory = directory;
        }

        @Override
        public void start() throws IOException {
            Path bodies = directory.resolve("wrk-templates.txt");
            Files.write(bodies, templates);
            Path script = directory.resolve("wrk-findings.lua");
            // One distinct finding id per request (letters and digits: valid for GuardDuty too).
            Files.writeString(script, """
                    local templates = {}
                    for line in io.lines("%s") do templates[#templates + 1] = line end
                    local n = 0
                    local seed = "%d"
                    function delay() return %d end
                    function request()
                      n = n + 1
                      local body = templates[(n %% #templates) + 1]:gsub("BENCH%%-ID", "bench" .. n .. "x" .. seed)
                      return wrk.format("POST", "%s", {["Content-Type"] = "application/json", ["X-Api-Key"] = "%s"}, body)
                    end
                    """.formatted(
                            bodies,
                            System.nanoTime(),
                            Math.max(0, CONNECTIONS * 1000 / rate),
                            SUBMIT_PATH,
                            API_KEY));
            startNanos = System.nanoTime();
            process = new ProcessBuilder(
                            wrk.toString(),
                            "-t1",
                            "-c" + CONNECTIONS,
                            "-d" + seconds + "s",
                            "--latency",
                            "-s",
                            script.toString(),
                            "http://127.0.0.1:" + port)
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("wrk.out").toFile())
                    .start();
        }

        @Override
        public long sent() {
            // wrk reports its requests at the end; until then the schedule's count
            return Math.min((long) rate * seconds, (System.nanoTime() - startNanos) * rate / 1_000_000_000L);
        }

        @Override
        public void awaitEnd() throws InterruptedException {
            process.waitFor();
        }

        @Override
        public String describe() {
            return "wrk, " + CONNECTIONS + " connections, each pausing " + Math.max(0, CONNECTIONS * 1000 / rate)
                    + " ms between requests (sent/s below: the schedule, not a measurement)";
        }

        @Override
        public String summary() {
            try {
                List<String> lines = Files.readAllLines(directory.resolve("wrk.out"));
                return "wrk: " + String.join(
                        " | ",
                        lines.stream()
                                .map(String::strip)
                                .filter(l -> l.startsWith("50%") || l.startsWith("99%") || l.contains("requests in")
                                        || l.startsWith("Non-2xx") || l.startsWith("Socket errors") || l.startsWith("Requests/sec"))
                                .toList());
            } catch (IOException e) {
                return "wrk: no output (" + e.getMessage() + ")";
            }
        }
    }

    /** Java's HttpClient in this JVM, open loop at the rate, at most 512 requests outstanding. */
    static final class JavaClientLoad implements Load {
        private final HttpClient http;
        private final int port;
        private final List<String> templates;
        private final int rate;
        private final int seconds;
        private final AtomicLong sent = new AtomicLong();
        private final AtomicLong accepted = new AtomicLong();
        private final AtomicLong failed = new AtomicLong();
        private final java.util.Map<String, Long> failures = new java.util.concurrent.ConcurrentHashMap<>();
        private final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        private final Semaphore outstanding = new Semaphore(512);
        private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        private long endNanos;

        JavaClientLoad(HttpClient http, int port, List<String> templates, int rate, int seconds) {
            this.http = http;
            this.port = port;
            this.templates = templates;
            this.rate = rate;
            this.seconds = seconds;
        }

        @Override
        public void start() {
            long periodNanos = 1_000_000_000L / rate;
            long startNanos = System.nanoTime();
            endNanos = startNanos + seconds * 1_000_000_000L;
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
                                            authorized(HttpRequest.newBuilder(URI.create(
                                                            "http://127.0.0.1:" + port + SUBMIT_PATH)))
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
        }

        @Override
        public long sent() {
            return sent.get();
        }

        @Override
        public void awaitEnd() throws InterruptedException {
            Thread.sleep(Math.max(0, endNanos - System.nanoTime()) / 1_000_000);
            ticker.shutdownNow();
            while (outstanding.availablePermits() < 512) {
                Thread.sleep(50);
            }
        }

        @Override
        public String describe() {
            return "Java HttpClient in the benchmark's JVM, open loop (at most 512 outstanding)";
        }

        @Override
        public String summary() {
            long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            return String.format(
                    Locale.ROOT,
                    "client: %,d answered 202, %,d failed%s; 202 latency p50 %.1f ms, p99 %.1f ms",
                    accepted.get(),
                    failed.get(),
                    failures.isEmpty() ? "" : " " + failures,
                    percentile(sorted, 0.50) / 1e6,
                    percentile(sorted, 0.99) / 1e6);
        }
    }

    static void jcmd(Process child, String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(child.pid())));
        line.addAll(List.of(command));
        Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes());
        if (jcmd.waitFor() != 0) {
            throw new IllegalStateException("jcmd " + String.join(" ", command) + " failed: " + output);
        }
    }

    /** The child's CPU time so far (all its threads). */
    static double cpuSeconds(Process child) {
        return child.toHandle()
                        .info()
                        .totalCpuDuration()
                        .orElse(Duration.ZERO)
                        .toNanos()
                / 1e9;
    }

    /** Findings the child answered 202 to, from its own request metric. */
    static long accepted(HttpClient http, int port) {
        return metricCount(http, port, "/actuator/metrics/http.server.requests?tag=uri:" + SUBMIT_PATH + "&tag=status:202");
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
        return metricCount(http, port, "/actuator/metrics/AI.Agent.ResponseTime?tag=agent:ThreatClassifier");
    }

    static long metricCount(HttpClient http, int port, String path) {
        try {
            HttpResponse<String> response = http.send(
                    authorized(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)))
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

    /** Where findings are submitted. */
    static final String SUBMIT_PATH = "/api/v1/threats";

    /**
     * The child's admin key (soc.api.security.api-keys.bootstrap-key): submissions, threat reads and
     * the actuator metrics the benchmark reads all need a key. Fresh per run.
     */
    static final String API_KEY = "soc_bench" + UUID.randomUUID().toString().replace("-", "");

    /** {@code request} with the credentials the child accepts. */
    static HttpRequest.Builder authorized(HttpRequest.Builder request) {
        return request.header("X-Api-Key", API_KEY);
    }

    static Process startChild(Path jar, Path data, int port) throws IOException {
        return startChild(jar, data, port, List.of());
    }

    /** The standalone jar on {@code data}, serving on {@code port}, with {@code settings} added. */
    static Process startChild(Path jar, Path data, int port, List<String> settings) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx1g", "--enable-native-access=ALL-UNNAMED"));
        // SOC_BENCH_CHILD_JVM: JVM options of the child (a JFR recording, GC logging)
        for (String option : System.getProperty("soc.bench.child-jvm", "").split(" ")) {
            if (!option.isBlank()) {
                command.add(option);
            }
        }
        command.addAll(List.of(
                        "-jar",
                        jar.toString(),
                        "--server.port=" + port,
                        "--soc.standalone.replay-samples=false",
                        "--logging.level.root=WARN",
                        "--soc.context-store.embedded.file=" + data.resolve("context-store"),
                        "--soc.context-store.archive.local-directory=" + data.resolve("archive"),
                        "--soc.event-bus.in-process.journal.directory=" + data.resolve("event-bus"),
                        "--soc.knowledge-base.embedded.directory=" + data.resolve("knowledge-base"),
                        "--soc.api.security.api-keys.bootstrap-key=" + API_KEY,
                        // one client (the load generator) far above the per-client limit: throttled
                        // it would measure the throttle; the filter still runs
                        "--soc.api.throttle.rate-per-second=1000000",
                        "--soc.api.throttle.burst=1000000"));
        command.addAll(settings);
        return new ProcessBuilder(command)
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
