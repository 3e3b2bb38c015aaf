import ai.socagent.domain.event.DomainEvent;
import ai.socagent.domain.event.ThreatIntelligenceEnriched;
import ai.socagent.domain.indicator.EnrichmentSummary;
import ai.socagent.domain.indicator.Indicator;
import ai.socagent.domain.indicator.IndicatorHit;
import ai.socagent.domain.indicator.IndicatorType;
import ai.socagent.domain.indicator.Reputation;
import ai.socagent.eventbus.EventHandler;
import ai.socagent.eventbus.IdempotencyStore;
import ai.socagent.eventbus.InboundEvent;
import ai.socagent.eventbus.RetryPolicy;
import ai.socagent.eventbus.TraceContext;
import ai.socagent.eventbus.aws.BootstrappedBus;
import ai.socagent.eventbus.aws.DynamoDbIdempotencyStore;
import ai.socagent.eventbus.aws.EventBridgePublisher;
import ai.socagent.eventbus.aws.LocalBusBootstrapper;
import ai.socagent.eventbus.aws.SqsEventSubscriptions;
import ai.socagent.eventbus.envelope.EventCodec;
import ai.socagent.eventbus.inprocess.InMemoryIdempotencyStore;
import ai.socagent.eventbus.routing.RoutingDefinition;
import ai.socagent.eventbus.routing.RoutingDefinitions;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The AWS-mode bus through moto, for reference next to the in-process figures: events/s and p50/p99
 * publish-to-handler latency for EventBridgePublisher (PutEvents: batches of 10 at full speed, one
 * event per call at a fixed rate) -> moto EventBridge
 * rule of the bundled rules.json -> SQS queue "investigation" -> SqsEventSubscriptions /
 * SqsEventConsumer (long polling, idempotency claim, decode) -> handler.
 *
 * <p>Run with bench/event-bus/run-moto.sh [events] [publisher threads] [consumer concurrency]
 * [rate/s, 0 = max] [idempotency: dynamodb | memory] [consumer: subscriptions | direct]; needs
 * scripts/backends.sh start. {@code direct} replaces SqsEventSubscriptions by a plain loop of
 * ReceiveMessage (10 per call) -> EventCodec.decode -> handler -> DeleteMessageBatch on as many threads,
 * without idempotency claims: the transport through moto alone.
 */
public final class MotoBusBench {

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 3_000;
        int publishers = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int rate = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        String claims = args.length > 4 ? args[4] : "dynamodb";
        String consumer = args.length > 5 ? args[5] : "subscriptions";
        URI endpoint = URI.create(env("SOC_TEST_AWS_ENDPOINT", "http://127.0.0.1:15566"));
        Region region = Region.of(env("SOC_TEST_AWS_REGION", "us-east-1"));
        System.out.printf(
                "cores=%d events=%d publisherThreads=%d consumerConcurrency=%d rate=%s idempotency=%s consumer=%s"
                        + " moto=%s java=%s%n",
                Runtime.getRuntime().availableProcessors(), events, publishers, concurrency,
                rate == 0 ? "max" : rate + "/s", consumer.equals("direct") ? "none" : claims, consumer, endpoint,
                System.getProperty("java.version"));

        StaticCredentialsProvider credentials =
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        RoutingDefinition definition = RoutingDefinitions.bundled();
        String suffix = "-bench" + UUID.randomUUID().toString().substring(0, 8);
        try (EventBridgeClient eventBridge = EventBridgeClient.builder()
                        .endpointOverride(endpoint).region(region).credentialsProvider(credentials).build();
                SqsClient sqs = SqsClient.builder()
                        .endpointOverride(endpoint).region(region).credentialsProvider(credentials).build();
                SqsAsyncClient sqsAsync = SqsAsyncClient.builder()
                        .endpointOverride(endpoint).region(region).credentialsProvider(credentials).build();
                SnsClient sns = SnsClient.builder()
                        .endpointOverride(endpoint).region(region).credentialsProvider(credentials).build();
                DynamoDbClient dynamo = DynamoDbClient.builder()
                        .endpointOverride(endpoint).region(region).credentialsProvider(credentials).build()) {
            // moto's EventBridge cannot target SNS: topics become queues, as in the tests.
            LocalBusBootstrapper bootstrapper =
                    LocalBusBootstrapper.create(eventBridge, sqs, sns).withTopicTargetsAsQueues();
            BootstrappedBus bus = bootstrapper.bootstrap(definition, suffix);
            String claimsTable = "bench-claims" + suffix;
            IdempotencyStore idempotency;
            if (claims.equals("memory")) {
                idempotency = InMemoryIdempotencyStore.create();
            } else {
                DynamoDbIdempotencyStore.createTable(dynamo, claimsTable);
                idempotency = DynamoDbIdempotencyStore.create(dynamo, claimsTable);
            }
            try {
                Round warmUp = new Round(Math.max(200, events / 10));
                Round measured = new Round(events);
                AtomicInteger unexpected = new AtomicInteger();
                ConcurrentHashMap<String, Round> rounds = new ConcurrentHashMap<>();
                SqsEventSubscriptions.Settings defaults = SqsEventSubscriptions.Settings.defaults();
                try (SqsEventSubscriptions subscriptions = SqsEventSubscriptions.create(
                        sqsAsync,
                        definition,
                        bus::queueUrl,
                        EventCodec.create(),
                        idempotency,
                        new SqsEventSubscriptions.Settings(
                                concurrency, defaults.priorityConcurrency(), RetryPolicy.defaults(),
                                Duration.ofHours(1), 20))) {
                    EventHandler handler = event -> {
                        long now = System.nanoTime();
                        String id = ((InboundEvent.PipelineEvent) event).event().eventId();
                        Round round = rounds.get(id);
                        if (round == null) {
                            unexpected.incrementAndGet();
                        } else {
                            round.handled(id, now);
                        }
                    };
                    AtomicBoolean stop = new AtomicBoolean();
                    List<Thread> pollers = new ArrayList<>();
                    if (consumer.equals("direct")) {
                        String url = bus.queueUrl("investigation");
                        EventCodec codec = EventCodec.create();
                        for (int t = 0; t < concurrency; t++) {
                            pollers.add(Thread.ofPlatform().name("poller-" + t).start(() -> poll(sqs, url, codec, handler, stop)));
                        }
                    } else {
                        subscriptions.subscribe("investigation", handler);
                    }
                    EventBridgePublisher publisher =
                            EventBridgePublisher.create(eventBridge, bus.busName(), EventCodec.create());
                    warmUp.run("warm-up", publisher, publishers, rate, rounds);
                    measured.run("measured", publisher, publishers, rate, rounds);
                    stop.set(true);
                    for (Thread poller : pollers) {
                        poller.join();
                    }
                }
                if (unexpected.get() > 0) {
                    System.out.printf("WARNING: %d deliveries of unknown events%n", unexpected.get());
                }
            } finally {
                bootstrapper.teardown(definition, bus);
                if (!claims.equals("memory")) {
                    dynamo.deleteTable(r -> r.tableName(claimsTable));
                }
            }
        }
    }

    /** The direct consumer: receive, decode, handle, delete; no claims, no retries. */
    private static void poll(SqsClient sqs, String url, EventCodec codec, EventHandler handler, AtomicBoolean stop) {
        while (!stop.get()) {
            List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages();
            if (messages.isEmpty()) {
                continue;
            }
            List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
            for (Message message : messages) {
                try {
                    handler.handle(codec.decode(message.body()));
                } catch (Exception e) {
                    System.out.println("handler failed: " + e);
                }
                done.add(DeleteMessageBatchRequestEntry.builder()
                        .id(Integer.toString(done.size()))
                        .receiptHandle(message.receiptHandle())
                        .build());
            }
            sqs.deleteMessageBatch(r -> r.queueUrl(url).entries(done));
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** How long a round waits for its last deliveries after the last publish. */
    private static final Duration WAIT_AFTER_PUBLISHING = Duration.ofMinutes(3);

    private static final class Round {
        private final int count;
        private final List<DomainEvent> events;
        private final ConcurrentHashMap<String, Long> sentAt;
        private final long[] latencies;
        private final AtomicInteger handled = new AtomicInteger();
        private final AtomicInteger duplicates = new AtomicInteger();
        private final CountDownLatch done;
        private final ConcurrentHashMap<String, Boolean> seen;

        Round(int count) {
            this.count = count;
            this.events = events(count);
            this.sentAt = new ConcurrentHashMap<>(count * 2);
            this.seen = new ConcurrentHashMap<>(count * 2);
            this.latencies = new long[count];
            this.done = new CountDownLatch(count);
        }

        void handled(String id, long now) {
            if (seen.putIfAbsent(id, Boolean.TRUE) != null) {
                duplicates.incrementAndGet();
                return;
            }
            latencies[handled.getAndIncrement()] = now - sentAt.get(id);
            done.countDown();
        }

        void run(String label, EventBridgePublisher publisher, int publishers, int rate,
                ConcurrentHashMap<String, Round> rounds) throws InterruptedException {
            events.forEach(e -> rounds.put(e.eventId(), this));
            TraceContext trace = TraceContext.newRoot();
            long start = System.nanoTime();
            List<Thread> threads = new ArrayList<>();
            // at full speed one PutEvents call carries 10 entries; at a fixed rate (for latency) one event
            int batch = rate == 0 ? EventBridgePublisher.MAX_BATCH_ENTRIES : 1;
            for (int p = 0; p < publishers; p++) {
                int from = p * count / publishers;
                int to = (p + 1) * count / publishers;
                long intervalNanos = rate == 0 ? 0 : 1_000_000_000L * publishers / rate;
                threads.add(Thread.ofPlatform().start(() -> {
                    long next = System.nanoTime();
                    for (int i = from; i < to; i += batch) {
                        if (intervalNanos > 0) {
                            next += intervalNanos;
                            long wait = next - System.nanoTime();
                            if (wait > 0) {
                                // no busy-waiting: moto shares the cores with this process
                                LockSupport.parkNanos(wait);
                            }
                        }
                        List<DomainEvent> slice = events.subList(i, Math.min(to, i + batch));
                        long now = System.nanoTime();
                        slice.forEach(e -> sentAt.put(e.eventId(), now));
                        publisher.publish(slice, trace);
                    }
                }));
            }
            for (Thread t : threads) {
                t.join();
            }
            long published = System.nanoTime() - start;
            boolean complete = done.await(WAIT_AFTER_PUBLISHING.toSeconds(), TimeUnit.SECONDS);
            long elapsed = System.nanoTime() - start;
            int n = handled.get();
            if (n == 0) {
                System.out.printf("%-9s none of %,d events handled within %s of publishing%n", label, count, WAIT_AFTER_PUBLISHING);
                return;
            }
            long[] sorted = Arrays.copyOf(latencies, n);
            Arrays.sort(sorted);
            System.out.printf(
                    "%-9s %s%,d events in %.2f s (published in %.2f s: %,.1f events/s): %,.1f events/s end to end;"
                            + " publish-to-handler p50 %.1f ms, p99 %.1f ms, max %.1f ms; duplicates %d%n",
                    label, complete ? "" : "INCOMPLETE (" + n + " of " + count + " handled) ", n, elapsed / 1e9,
                    published / 1e9, count / (published / 1e9), n / (elapsed / 1e9), sorted[n / 2] / 1e6,
                    sorted[(int) (n * 0.99)] / 1e6, sorted[n - 1] / 1e6, duplicates.get());
        }
    }

    private static List<DomainEvent> events(int count) {
        Indicator ip = Indicator.of(IndicatorType.IPV4, "198.51.100.23");
        EnrichmentSummary summary = new EnrichmentSummary(
                1, List.of(new IndicatorHit(ip, "abuse.ch", Reputation.MALICIOUS, 0.9, List.of("botnet"), "C2")),
                "1 of 1 indicators is known malicious");
        Instant now = Instant.now();
        List<DomainEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String id = UUID.randomUUID().toString();
            events.add(ThreatIntelligenceEnriched.of(id, now, id, summary));
        }
        return events;
    }
}
