import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Model-bound throughput (issue 12): the standalone jar as a child JVM in {@code converse} mode,
 * its Bedrock Converse endpoint a stand-in in this JVM that answers every call correctly after a
 * fixed delay (default 2 s) and counts the calls in flight. Never a real endpoint: the stand-in
 * listens on 127.0.0.1 and the child's credentials are dummies.
 *
 * <ol>
 *   <li>a backlog: {@code findings} HIGH plain threats (default 2,000) submitted as fast as the
 *       API takes them;
 *   <li>then one CRITICAL threat: the time until its classification shows in the API;
 *   <li>the classifier's throughput while the backlog drains (model calls answered per second),
 *       the stand-in's peak in-flight count, fallbacks to the offline engine (should be none);
 *   <li>for a sample of threats: submission to classification, and classification to the moment
 *       the API shows it and its "Threat Classification Complete" activity (the dashboard's view),
 *       as percentiles (polled every 250 ms, so each figure is up to 250 ms late).
 * </ol>
 *
 * Run with {@code bench/standalone/run.sh model [findings] [delay-ms] [limit]}; uses StandaloneBench's
 * child handling (the same directory: Java's multi-file source launcher compiles both).
 */
public final class ModelBench {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int SAMPLE = 60;

    public static void main(String[] args) throws Exception {
        int findings = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        long delayMillis = args.length > 1 ? Long.parseLong(args[1]) : 2_000;
        int limit = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        Path jar = Path.of(args[3]);
        // aws: "aws <threat-classifier jar> <soc-api jar>" after the standalone jar
        boolean aws = args.length > 4 && args[4].equals("aws");
        StandInConverse model = StandInConverse.start(Duration.ofMillis(delayMillis));
        Path data = Files.createTempDirectory("soc-model-bench");
        List<String> converse = List.of(
                "--soc.agent-runtime.mode=converse",
                "--spring.cloud.aws.bedrock-runtime.endpoint=" + model.uri(),
                // every finding distinct anyway; the cache would only hide calls
                "--soc.agent-runtime.cache.enabled=false",
                "--soc.agent-runtime.limits.defaults.concurrency=" + limit,
                "--soc.agent-runtime.limits.defaults.requests-per-minute=1000000",
                "--soc.agent-runtime.limits.defaults.tokens-per-minute=1000000000");
        Fleet fleet = aws
                ? AwsFleet.start(data, Path.of(args[5]), Path.of(args[6]), converse, limit)
                : standalone(jar, data, converse, limit);
        int port = fleet.apiPort();
        int agentPort = fleet.agentPort();
        HttpClient http = HttpClient.newBuilder()
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        try {
            StandaloneBench.waitReady(http, agentPort);
            StandaloneBench.waitReady(http, port);
            System.out.printf(Locale.ROOT, "mode: %s%n", fleet.description());
            System.out.printf(
                    Locale.ROOT,
                    "model: stand-in Converse answering after %d ms, gate limit %d per agent and model, %d findings"
                            + " (%d cores)%n",
                    delayMillis,
                    limit,
                    findings,
                    Runtime.getRuntime().availableProcessors());
            // the dashboard's view: the live stream, opened before anything is submitted
            Stream pushed = Stream.open(http, port);
            long callsBefore = model.served.get();
            Instant start = Instant.now();
            List<Submitted> backlog = submitBacklog(http, port, findings);
            Instant submitted = Instant.now();
            System.out.printf(
                    Locale.ROOT,
                    "  backlog: %,d accepted in %.1f s; model calls so far %,d, in flight %d%n",
                    backlog.size(),
                    Duration.between(start, submitted).toMillis() / 1000.0,
                    model.served.get() - callsBefore,
                    model.inFlight.get());

            Submitted critical = submit(http, port, threat("CRITICAL", "critical-into-backlog"));
            Duration criticalLatency = untilClassified(http, port, critical.threatId(), Duration.ofSeconds(60));
            long waitingThen = findings - (model.served.get() - callsBefore);
            System.out.printf(
                    Locale.ROOT,
                    "  CRITICAL submitted into a backlog of %,d unclassified: classified and shown after %.2f s%n",
                    Math.max(0, waitingThen),
                    criticalLatency.toMillis() / 1000.0);

            List<Submitted> sample = new ArrayList<>();
            for (int i = 0; i < SAMPLE; i++) {
                sample.add(backlog.get((int) ((long) i * backlog.size() / SAMPLE)));
            }
            // done: every finding answered by the model or by the offline engine after a failed call
            LongSupplier answered = () -> model.served.get() - callsBefore + StandaloneBench.metricCount(
                    http, agentPort, "/actuator/metrics/AI.Agent.ErrorRate?tag=agent:ThreatClassifier");
            Map<String, Seen> seen = watch(http, port, sample, answered, findings + 1, Duration.ofMinutes(10));
            Instant drained = Instant.now();
            double seconds = Duration.between(start, drained).toMillis() / 1000.0;
            long calls = model.served.get() - callsBefore;
            double answering = (model.lastAnswer.get() - model.firstAnswer.get()) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "  throughput: %,d model calls answered in %.1f s from the first submission, %.1f s from the first"
                            + " answer = %.1f findings/s (peak %d calls in flight at the stand-in; a %d ms model at limit"
                            + " %d allows %.1f/s)%n",
                    calls,
                    seconds,
                    answering,
                    (calls - 1) / answering,
                    model.peak.get(),
                    delayMillis,
                    limit,
                    limit * 1000.0 / delayMillis);
            long fallbacks = StandaloneBench.metricCount(
                    http, agentPort, "/actuator/metrics/AI.Agent.ErrorRate?tag=agent:ThreatClassifier");
            System.out.printf(Locale.ROOT, "  fallbacks to the offline engine: %d%n", fallbacks);
            report("submitted -> classified", seen, s -> s.classifiedAt.toEpochMilli() - s.submittedAt.toEpochMilli());
            report("classified -> shown by the API", seen, s -> s.classificationShown - s.classifiedAt.toEpochMilli());
            report("classified -> activity shown", seen, s -> s.activityShown - s.classifiedAt.toEpochMilli());
            // While the backlog was being submitted the API (16 clients, as fast as it answers) had the
            // cores; the drain after it is the steady state a dashboard lives in.
            Map<String, Seen> afterSubmission = new ConcurrentHashMap<>();
            seen.forEach((id, view) -> {
                if (view.classifiedAt.isAfter(submitted)) {
                    afterSubmission.put(id, view);
                }
            });
            report(
                    "  the same, after the submission",
                    afterSubmission,
                    s -> s.activityShown - s.classifiedAt.toEpochMilli());
            // every classification, as the dashboard's stream delivered it
            pushed.report("classified -> on the live stream", at -> true);
            pushed.report("  the same, after the submission", at -> at.isAfter(submitted));
            pushed.close();
            gateWait(http, agentPort);
        } finally {
            fleet.stop();
            model.stop();
        }
    }

    /** Where the benchmark submits and reads (soc-api) and where the classifier reports its metrics. */
    interface Fleet {
        int apiPort();

        int agentPort();

        String description();

        void stop() throws Exception;
    }

    /** The standalone jar: every service in one child JVM, in-process bus, embedded store. */
    static Fleet standalone(Path jar, Path data, List<String> converse, int limit) throws Exception {
        int port = StandaloneBench.freePort();
        List<String> settings = new ArrayList<>(converse);
        settings.addAll(List.of(
                "--spring.cloud.aws.region.static=us-east-1",
                "--spring.cloud.aws.credentials.access-key=stand-in",
                "--spring.cloud.aws.credentials.secret-key=stand-in",
                // room for the gate's limit and a line behind it
                "--soc.event-bus.in-process.queue-concurrency.threat-classifier=" + (2 * limit)));
        settings.addAll(List.of(System.getProperty("soc.bench.child-args", "").split(" ")).stream().filter(a -> !a.isBlank()).toList());
        Process child = StandaloneBench.startChild(jar, data, port, settings);
        return new Fleet() {
            public int apiPort() {
                return port;
            }

            public int agentPort() {
                return port;
            }

            public String description() {
                return "standalone (one JVM, in-process bus, embedded store)";
            }

            public void stop() throws InterruptedException {
                child.destroy();
                child.waitFor();
            }
        };
    }

    record Submitted(String threatId, Instant at) {}

    /**
     * The dashboard's live stream (GET /api/v1/threats/updates, server-sent events), read as the
     * dashboard reads it: for each "Threat Classification Complete" update, the time from the event
     * (its occurredAt, when the classifier published it) to its arrival here.
     */
    static final class Stream implements AutoCloseable {
        /** occurredAt -> arrival - occurredAt, per classification event. */
        final Map<String, long[]> lags = new ConcurrentHashMap<>();
        private final java.util.stream.Stream<String> lines;

        private Stream(java.util.stream.Stream<String> lines) {
            this.lines = lines;
        }

        static Stream open(HttpClient http, int port) throws IOException, InterruptedException {
            HttpResponse<java.util.stream.Stream<String>> response = http.send(
                    StandaloneBench.authorized(HttpRequest.newBuilder(
                                    URI.create("http://127.0.0.1:" + port + "/api/v1/threats/updates")))
                            .header("Accept", "text/event-stream")
                            .build(),
                    HttpResponse.BodyHandlers.ofLines());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the update stream answered " + response.statusCode());
            }
            Stream stream = new Stream(response.body());
            Thread.ofVirtual().start(() -> {
                try {
                    stream.lines.forEach(stream::line);
                } catch (RuntimeException closed) {
                    // closed at the end
                }
            });
            return stream;
        }

        private void line(String line) {
            if (!line.startsWith("data:")) {
                return;
            }
            long now = System.currentTimeMillis();
            JsonNode update = JSON.readTree(line.substring("data:".length()));
            if (update.path("detailType").asString().equals("Threat Classification Complete")) {
                long occurred = Instant.parse(update.path("occurredAt").asString()).toEpochMilli();
                lags.putIfAbsent(update.path("eventId").asString(), new long[] {occurred, now - occurred});
            }
        }

        void report(String what, java.util.function.Predicate<Instant> which) {
            long[] millis = lags.values().stream()
                    .filter(lag -> which.test(Instant.ofEpochMilli(lag[0])))
                    .mapToLong(lag -> lag[1])
                    .sorted()
                    .toArray();
            long over = java.util.Arrays.stream(millis).filter(m -> m > 1_000).count();
            percentiles(
                    what,
                    millis,
                    String.format(Locale.ROOT, "%,d classifications, %d over 1 s", millis.length, over));
        }

        @Override
        public void close() {
            lines.close();
        }
    }

    static final class Seen {
        Instant submittedAt;
        Instant classifiedAt;
        long classificationShown;
        long activityShown;
    }

    /** The backlog, submitted by 16 client threads as fast as the API answers. */
    static List<Submitted> submitBacklog(HttpClient http, int port, int count) throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<Submitted> out = java.util.Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService clients = Executors.newFixedThreadPool(16)) {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < 16; c++) {
                running.add(clients.submit(() -> {
                    for (int i; (i = next.getAndIncrement()) < count; ) {
                        out.add(submit(http, port, threat("HIGH", "backlog-" + i)));
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        }
        return out;
    }

    static String threat(String severity, String name) {
        ObjectNode threat = JSON.createObjectNode();
        threat.put("title", "Model bench threat " + name);
        threat.put("description", "Outbound connections to a mining pool from a build runner (" + name + ").");
        threat.put("source", "EDR");
        threat.put("severity", severity);
        threat.put("findingType", "Bench/" + name);
        threat.putArray("resources")
                .addObject()
                .put("type", "EC2_INSTANCE")
                .put("id", "i-" + String.format(Locale.ROOT, "%017x", Math.abs((long) name.hashCode())));
        return JSON.writeValueAsString(threat);
    }

    static Submitted submit(HttpClient http, int port, String body) throws IOException, InterruptedException {
        HttpRequest request = StandaloneBench.authorized(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + StandaloneBench.SUBMIT_PATH))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("submission refused: " + response.statusCode() + " " + response.body());
        }
        String threatId = JSON.readTree(response.body())
                .path("threats")
                .path(0)
                .path("threatId")
                .asString();
        return new Submitted(threatId, Instant.now());
    }

    static JsonNode detail(HttpClient http, int port, String threatId) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                StandaloneBench.authorized(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/api/v1/threats/" + threatId)))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? JSON.readTree(response.body()) : JSON.createObjectNode();
    }

    static Duration untilClassified(HttpClient http, int port, String threatId, Duration timeout) throws Exception {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (detail(http, port, threatId).path("classification").isObject()) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the CRITICAL threat was not classified within " + timeout);
    }

    /** Polls the sample every 250 ms until {@code calls} findings are answered and the sample is seen. */
    static Map<String, Seen> watch(
            HttpClient http, int port, List<Submitted> sample, LongSupplier answered, long calls, Duration timeout)
            throws Exception {
        Map<String, Seen> seen = new ConcurrentHashMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (ExecutorService pollers = Executors.newVirtualThreadPerTaskExecutor()) {
            while (System.nanoTime() < deadline) {
                // the sample polled side by side, so a round takes one request's time, not sixty
                List<Future<?>> round = new ArrayList<>();
                for (Submitted s : sample) {
                    Seen view = seen.computeIfAbsent(s.threatId(), id -> new Seen());
                    if (view.activityShown == 0) {
                        round.add(pollers.submit(() -> look(http, port, s, view)));
                    }
                }
                for (Future<?> f : round) {
                    f.get();
                }
                boolean sampleSeen = seen.values().stream().allMatch(v -> v.activityShown > 0);
                if (answered.getAsLong() >= calls && sampleSeen) {
                    return seen;
                }
                Thread.sleep(250);
            }
        }
        throw new IllegalStateException("the backlog did not drain within " + timeout + ": " + answered.getAsLong()
                + " of " + calls + " findings answered");
    }

    static Void look(HttpClient http, int port, Submitted s, Seen view) throws IOException, InterruptedException {
        JsonNode detail = detail(http, port, s.threatId());
        long now = System.currentTimeMillis();
        JsonNode classification = detail.path("classification");
        if (classification.isObject() && view.classificationShown == 0) {
            view.classificationShown = now;
            view.classifiedAt = Instant.parse(classification.path("classifiedAt").asString());
            view.submittedAt = Instant.parse(detail.path("submittedAt").asString());
        }
        for (JsonNode activity : detail.path("activity")) {
            if (activity.path("detailType").asString().equals("Threat Classification Complete")
                    && view.classificationShown > 0) {
                view.activityShown = now;
            }
        }
        return null;
    }

    interface Measure {
        long of(Seen seen);
    }

    static void report(String what, Map<String, Seen> seen, Measure measure) {
        long[] millis = seen.values().stream().mapToLong(measure::of).sorted().toArray();
        percentiles(what, millis, millis.length + " sampled");
    }

    /** One line of percentiles of {@code millis} (sorted). */
    static void percentiles(String what, long[] millis, String count) {
        System.out.printf(
                Locale.ROOT,
                "  %-32s p50 %,6d ms  p95 %,6d ms  p99 %,6d ms  max %,6d ms  (%s)%n",
                what,
                (long) StandaloneBench.percentile(millis, 0.50),
                (long) StandaloneBench.percentile(millis, 0.95),
                (long) StandaloneBench.percentile(millis, 0.99),
                millis.length == 0 ? 0 : millis[millis.length - 1],
                count);
    }

    static void gateWait(HttpClient http, int port) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                StandaloneBench.authorized(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                                + "/actuator/metrics/soc.model.calls.wait?tag=agent:ThreatClassifier")))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            System.out.println("  gate wait: no soc.model.calls.wait metric (" + response.statusCode() + ")");
            return;
        }
        double count = 0;
        double total = 0;
        double max = 0;
        for (JsonNode m : JSON.readTree(response.body()).path("measurements")) {
            switch (m.path("statistic").asString()) {
                case "COUNT" -> count = m.path("value").asDouble();
                case "TOTAL_TIME" -> total = m.path("value").asDouble();
                case "MAX" -> max = m.path("value").asDouble();
                default -> {}
            }
        }
        System.out.printf(
                Locale.ROOT,
                "  gate wait (soc.model.calls.wait): %,.0f calls, mean %.2f s, max of the last minutes %.2f s%n",
                count,
                count == 0 ? 0 : total / count,
                max);
    }

    /**
     * The stand-in for Bedrock Converse: {@code POST /model/{modelId}/converse}, answered after the
     * delay with a classification in the ThreatClassifier's schema (severity the finding's own, the
     * highest the prompt's data names, so the severity floor holds), usage and a request id.
     */
    static final class StandInConverse {
        private static final Pattern SEVERITY = Pattern.compile("everity\\\\?\"\\s*:\\s*\\\\?\"(CRITICAL|HIGH|MEDIUM|LOW|INFORMATIONAL)");
        private static final List<String> ORDER = List.of("INFORMATIONAL", "LOW", "MEDIUM", "HIGH", "CRITICAL");

        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger peak = new AtomicInteger();
        final AtomicLong served = new AtomicLong();
        /** When the first and the latest answer went out (nanoTime). */
        final AtomicLong firstAnswer = new AtomicLong();
        final AtomicLong lastAnswer = new AtomicLong();
        private final HttpServer server;
        private final Duration delay;

        private StandInConverse(HttpServer server, Duration delay) {
            this.server = server;
            this.delay = delay;
        }

        static StandInConverse start(Duration delay) throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
            StandInConverse standIn = new StandInConverse(server, delay);
            server.createContext("/model/", standIn::converse);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return standIn;
        }

        String uri() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        void stop() {
            server.stop(0);
        }

        private void converse(HttpExchange exchange) throws IOException {
            peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try (exchange) {
                String request;
                try (InputStream body = exchange.getRequestBody()) {
                    request = new String(body.readAllBytes(), StandardCharsets.UTF_8);
                }
                if (!exchange.getRequestMethod().equals("POST") || !exchange.getRequestURI().getPath().endsWith("/converse")) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                Thread.sleep(delay);
                byte[] answer = answer(request).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.getResponseHeaders().add("x-amzn-RequestId", "stand-in-" + served.get());
                exchange.sendResponseHeaders(200, answer.length);
                exchange.getResponseBody().write(answer);
                long now = System.nanoTime();
                firstAnswer.compareAndSet(0, now);
                lastAnswer.accumulateAndGet(now, Math::max);
                served.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
            }
        }

        private static String answer(String request) {
            String severity = "INFORMATIONAL";
            Matcher matcher = SEVERITY.matcher(request);
            while (matcher.find()) {
                if (ORDER.indexOf(matcher.group(1)) > ORDER.indexOf(severity)) {
                    severity = matcher.group(1);
                }
            }
            ObjectNode classification = JSON.createObjectNode();
            classification.put("category", "CRYPTOCURRENCY");
            classification.put("severity", severity);
            classification.put("confidence", 0.8);
            classification.putArray("techniques").addObject().put("id", "T1496").put("name", "Resource Hijacking");
            classification.putArray("tactics").add("TA0040");
            classification.put("rationale", "Stand-in model: connections to a mining pool (bench).");
            ObjectNode body = JSON.createObjectNode();
            ObjectNode message = body.putObject("output").putObject("message");
            message.put("role", "assistant");
            message.putArray("content").addObject().put("text", JSON.writeValueAsString(classification));
            body.put("stopReason", "end_turn");
            body.putObject("usage").put("inputTokens", request.length() / 4).put("outputTokens", 80).put(
                    "totalTokens", request.length() / 4 + 80);
            body.putObject("metrics").put("latencyMs", 0);
            return JSON.writeValueAsString(body);
        }
    }

    private ModelBench() {}
}
