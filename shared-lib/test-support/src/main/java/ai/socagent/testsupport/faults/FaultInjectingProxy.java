package ai.socagent.testsupport.faults;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP reverse proxy in front of an AWS API emulator (moto) that answers scripted requests
 * with an error instead of forwarding them: throttling, 500, 503. Point an SDK client at {@link
 * #endpoint()}; everything not scripted is forwarded unchanged (moto does not check signatures).
 *
 * <p>Requests are told apart by their {@code X-Amz-Target} header (the JSON protocols: DynamoDB,
 * EventBridge, …), for example {@code DynamoDB_20120810.PutItem}; a rule may name the full target,
 * the operation alone ({@code PutItem}) or {@code null} for every request. Counts are kept per
 * target for every request that reached the proxy, failed or forwarded.
 *
 * <pre>{@code
 * try (FaultInjectingProxy proxy = FaultInjectingProxy.start(aws.endpoint())) {
 *     proxy.failNext("PutItem", 2, Fault.provisionedThroughputExceeded());
 *     DynamoDbClient client = DynamoDbClient.builder().endpointOverride(proxy.endpoint())...
 * }
 * }</pre>
 */
public final class FaultInjectingProxy implements AutoCloseable {

    /** Headers the JDK client sets itself, or that are about this hop only. */
    private static final Set<String> HOP_HEADERS = Set.of(
            "host", "content-length", "connection", "expect", "upgrade", "transfer-encoding", "keep-alive", "te");

    private final URI upstream;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient http;
    private final List<Rule> rules = new ArrayList<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> injected = new ConcurrentHashMap<>();

    private FaultInjectingProxy(URI upstream) throws IOException {
        this.upstream = Objects.requireNonNull(upstream, "upstream");
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(executor)
                .build();
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a proxy on a free loopback port that forwards to {@code upstream} (scheme, host, port). */
    public static FaultInjectingProxy start(URI upstream) {
        try {
            return new FaultInjectingProxy(upstream);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the fault-injecting proxy", e);
        }
    }

    /** Where clients should send their requests. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The next {@code times} requests for {@code target} (null: any) get {@code fault}, not forwarded. */
    public FaultInjectingProxy failNext(String target, int times, Fault fault) {
        return add(new Rule(target, 0, times, fault, false));
    }

    /** Every request for {@code target} (null: any) gets {@code fault} until {@link #clearFaults()}. */
    public FaultInjectingProxy failAlways(String target, Fault fault) {
        return add(new Rule(target, 0, Integer.MAX_VALUE, fault, false));
    }

    /** Lets {@code skip} requests for {@code target} through, then fails the next {@code times}. */
    public FaultInjectingProxy failAfter(String target, int skip, int times, Fault fault) {
        return add(new Rule(target, skip, times, fault, false));
    }

    /**
     * The next {@code times} requests for {@code target} are forwarded (the emulator applies them) but
     * the client gets {@code fault}: a write that happened although the caller saw it fail.
     */
    public FaultInjectingProxy loseResponses(String target, int times, Fault fault) {
        return add(new Rule(target, 0, times, fault, true));
    }

    /** Removes every rule; counts stay. */
    public FaultInjectingProxy clearFaults() {
        synchronized (rules) {
            rules.clear();
        }
        return this;
    }

    /** Sets every count back to zero. */
    public FaultInjectingProxy resetCounts() {
        requests.clear();
        injected.clear();
        return this;
    }

    /** Requests that reached the proxy for {@code target} (full target or operation; null: all). */
    public int requests(String target) {
        return sum(requests, target);
    }

    /** Requests for {@code target} (full target or operation; null: all) answered with a fault. */
    public int faultsInjected(String target) {
        return sum(injected, target);
    }

    @Override
    public void close() {
        server.stop(0);
        http.close();
        executor.close();
    }

    private FaultInjectingProxy add(Rule rule) {
        synchronized (rules) {
            rules.add(rule);
        }
        return this;
    }

    private static int sum(Map<String, AtomicInteger> counts, String target) {
        return counts.entrySet().stream()
                .filter(e -> matches(target, e.getKey()))
                .mapToInt(e -> e.getValue().get())
                .sum();
    }

    private static boolean matches(String wanted, String target) {
        return wanted == null || wanted.equals(target) || target.endsWith("." + wanted);
    }

    private Rule claim(String target) {
        synchronized (rules) {
            for (Iterator<Rule> it = rules.iterator(); it.hasNext(); ) {
                Rule rule = it.next();
                if (!matches(rule.target, target)) {
                    continue;
                }
                if (rule.skip > 0) {
                    rule.skip--;
                    return null;
                }
                if (rule.remaining != Integer.MAX_VALUE) {
                    rule.remaining--;
                }
                if (rule.remaining <= 0) {
                    it.remove();
                }
                return rule;
            }
            return null;
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String header = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String target = header == null ? "" : header;
            requests.computeIfAbsent(target, t -> new AtomicInteger()).incrementAndGet();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Rule rule = claim(target);
            if (rule != null && !rule.afterForwarding) {
                injected.computeIfAbsent(target, t -> new AtomicInteger()).incrementAndGet();
                answer(exchange, rule.fault);
                return;
            }
            HttpResponse<byte[]> response = forward(exchange, body);
            if (rule != null) {
                injected.computeIfAbsent(target, t -> new AtomicInteger()).incrementAndGet();
                answer(exchange, rule.fault);
                return;
            }
            response.headers().map().forEach((name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            send(exchange, response.statusCode(), response.body(), exchange.getRequestMethod());
        } catch (IOException | RuntimeException e) {
            answer(exchange, Fault.of(502, "ProxyError", "fault proxy could not forward: " + e));
        }
    }

    private HttpResponse<byte[]> forward(HttpExchange exchange, byte[] body) throws IOException {
        URI requested = exchange.getRequestURI();
        URI target = URI.create(upstream.getScheme() + "://" + upstream.getRawAuthority() + requested.getRawPath()
                + (requested.getRawQuery() == null ? "" : "?" + requested.getRawQuery()));
        HttpRequest.Builder request = HttpRequest.newBuilder(target)
                .timeout(Duration.ofSeconds(60))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while forwarding", e);
        }
    }

    private static void answer(HttpExchange exchange, Fault fault) {
        try {
            exchange.getResponseHeaders().put("Content-Type", List.of("application/x-amz-json-1.0"));
            exchange.getResponseHeaders().put("x-amzn-RequestId", List.of("fault-" + System.nanoTime()));
            send(exchange, fault.status(), fault.body(), exchange.getRequestMethod());
        } catch (IOException e) {
            // the client went away; nothing to tell it
        }
    }

    private static void send(HttpExchange exchange, int status, byte[] body, String method) throws IOException {
        boolean empty = body.length == 0 || "HEAD".equals(method) || status == 204 || status == 304;
        exchange.sendResponseHeaders(status, empty ? -1 : body.length);
        if (!empty) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static final class Rule {
        final String target;
        final Fault fault;
        final boolean afterForwarding;
        int skip;
        int remaining;

        Rule(String target, int skip, int times, Fault fault, boolean afterForwarding) {
            if (times < 1 || skip < 0) {
                throw new IllegalArgumentException("times must be >= 1 and skip >= 0");
            }
            this.target = target;
            this.skip = skip;
            this.remaining = times;
            this.fault = Objects.requireNonNull(fault, "fault");
            this.afterForwarding = afterForwarding;
        }
    }

    /**
     * An error answer in the AWS JSON protocol shape: HTTP status and {@code {"__type": …, "message": …}}.
     *
     * @param status HTTP status
     * @param type the {@code __type}, for example {@code
     *     com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException}
     * @param message the error message
     */
    public record Fault(int status, String type, String message) {

        private static final String DYNAMODB = "com.amazonaws.dynamodb.v20120810#";

        public Fault {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(message, "message");
        }

        public static Fault of(int status, String type, String message) {
            return new Fault(status, type, message);
        }

        /** DynamoDB's 400 for a table or partition over its throughput. */
        public static Fault provisionedThroughputExceeded() {
            return new Fault(
                    400,
                    DYNAMODB + "ProvisionedThroughputExceededException",
                    "The level of configured provisioned throughput for the table was exceeded."
                            + " Consider increasing your provisioning level with the UpdateTable API.");
        }

        /** The control-plane / account-level throttle (400 ThrottlingException). */
        public static Fault throttling() {
            return new Fault(
                    400,
                    "com.amazon.coral.availability#ThrottlingException",
                    "Rate of requests exceeds the allowed throughput.");
        }

        /** DynamoDB's 500. */
        public static Fault internalServerError() {
            return new Fault(500, DYNAMODB + "InternalServerError", "Internal server error");
        }

        /** A 503 from the service front end. */
        public static Fault serviceUnavailable() {
            return new Fault(503, "com.amazon.coral.availability#ServiceUnavailableException", "Service Unavailable");
        }

        byte[] body() {
            return ("{\"__type\":\"" + escape(type) + "\",\"message\":\"" + escape(message) + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
        }

        private static String escape(String text) {
            return text.replace("\\", "\\\\").replace("\"", "\\\"");
        }
    }
}
