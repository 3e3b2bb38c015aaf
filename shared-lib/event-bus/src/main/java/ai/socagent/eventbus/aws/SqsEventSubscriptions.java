package ai.socagent.eventbus.aws;

import ai.socagent.eventbus.EventHandler;
import ai.socagent.eventbus.EventSubscriptions;
import ai.socagent.eventbus.EventTracing;
import ai.socagent.eventbus.IdempotencyStore;
import ai.socagent.eventbus.RetryPolicy;
import ai.socagent.eventbus.envelope.EventCodec;
import ai.socagent.eventbus.routing.QueueDefinition;
import ai.socagent.eventbus.routing.RoutingDefinition;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.springframework.context.SmartLifecycle;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * {@link EventSubscriptions} of the aws mode: each subscription starts an {@link SqsEventConsumer} (a
 * spring-cloud-aws listener container) on the queue's URL, with {@link Settings#concurrency()}
 * concurrent messages, or {@link Settings#priorityConcurrency()} for a {@code priority} queue.
 *
 * <p>As a Spring bean it is a {@link SmartLifecycle}: a closing context stops every consumer (all at
 * once, in-flight handler calls finish) before it destroys the beans the handlers use. {@link #close()}
 * stops them too.
 */
public final class SqsEventSubscriptions implements EventSubscriptions, SmartLifecycle, AutoCloseable {

    private final SqsAsyncClient sqs;
    private final RoutingDefinition definition;
    private final Function<String, String> queueUrls;
    private final EventCodec codec;
    private final IdempotencyStore idempotency;
    private final Settings settings;
    private final EventTracing tracing;
    private final Map<String, SqsEventConsumer> consumers = new ConcurrentHashMap<>();
    private volatile boolean running;

    /**
     * Tuning of the consumers.
     *
     * @param concurrency messages of an ordinary queue handled at once
     * @param priorityConcurrency messages of a priority queue handled at once
     * @param retry backoff between deliveries of a failing event (through the visibility timeout)
     * @param idempotencyTtl how long an event id is remembered
     * @param waitTimeSeconds long-polling wait, 0 to 20
     * @param queueConcurrency a queue's own concurrency, by queue name, instead of the above
     */
    public record Settings(
            int concurrency,
            int priorityConcurrency,
            RetryPolicy retry,
            Duration idempotencyTtl,
            int waitTimeSeconds,
            Map<String, Integer> queueConcurrency) {

        public Settings {
            queueConcurrency = queueConcurrency == null ? Map.of() : Map.copyOf(queueConcurrency);
        }

        public Settings(
                int concurrency,
                int priorityConcurrency,
                RetryPolicy retry,
                Duration idempotencyTtl,
                int waitTimeSeconds) {
            this(concurrency, priorityConcurrency, retry, idempotencyTtl, waitTimeSeconds, Map.of());
        }

        public static Settings defaults() {
            return new Settings(4, 16, RetryPolicy.defaults(), Duration.ofHours(24), 20);
        }

        int concurrencyOf(QueueDefinition queue) {
            return queueConcurrency.getOrDefault(queue.name(), queue.priority() ? priorityConcurrency : concurrency);
        }
    }

    private SqsEventSubscriptions(
            SqsAsyncClient sqs,
            RoutingDefinition definition,
            Function<String, String> queueUrls,
            EventCodec codec,
            IdempotencyStore idempotency,
            Settings settings,
            EventTracing tracing) {
        this.sqs = sqs;
        this.definition = definition;
        this.queueUrls = queueUrls;
        this.codec = codec;
        this.idempotency = idempotency;
        this.settings = settings;
        this.tracing = tracing;
    }

    /**
     * Subscriptions on the queues whose URLs {@code queueUrls} gives by logical name (queues and
     * dead-letter queues), consumed with {@code sqs}.
     */
    public static SqsEventSubscriptions create(
            SqsAsyncClient sqs,
            RoutingDefinition definition,
            Function<String, String> queueUrls,
            EventCodec codec,
            IdempotencyStore idempotency,
            Settings settings,
            EventTracing tracing) {
        return new SqsEventSubscriptions(sqs, definition, queueUrls, codec, idempotency, settings, tracing);
    }

    /** Subscriptions consumed with {@code sqs}, tracing with {@link EventTracing#global()}. */
    public static SqsEventSubscriptions create(
            SqsAsyncClient sqs,
            RoutingDefinition definition,
            Function<String, String> queueUrls,
            EventCodec codec,
            IdempotencyStore idempotency,
            Settings settings) {
        return create(sqs, definition, queueUrls, codec, idempotency, settings, EventTracing.global());
    }

    @Override
    public void subscribe(String queue, EventHandler handler) {
        QueueDefinition definitionOfQueue = definition
                .queue(queue)
                .orElseThrow(
                        () -> new IllegalArgumentException("'" + queue + "' is no queue of the routing definition"));
        SqsEventConsumer consumer = SqsEventConsumer.builder()
                .sqs(sqs)
                .queue(definitionOfQueue, queueUrls.apply(queue), queueUrls.apply(definitionOfQueue.deadLetterQueue()))
                .codec(codec)
                .idempotency(idempotency)
                .handler(handler)
                .tracing(tracing)
                .retry(settings.retry())
                .idempotencyTtl(settings.idempotencyTtl())
                .waitTimeSeconds(settings.waitTimeSeconds())
                .concurrency(settings.concurrencyOf(definitionOfQueue))
                .build();
        if (consumers.putIfAbsent(queue, consumer) != null) {
            throw new IllegalStateException("'" + queue + "' already has a handler");
        }
        consumer.start();
    }

    /** Starts the consumers that are not running (after {@link #stop()}); subscribing starts one anyway. */
    @Override
    public void start() {
        running = true;
        consumers.values().forEach(SqsEventConsumer::start);
    }

    /** Stops every consumer, all at once; each lets its in-flight handler calls finish. */
    @Override
    public void stop() {
        running = false;
        all(SqsEventConsumer::stop);
    }

    @Override
    public boolean isRunning() {
        return running || consumers.values().stream().anyMatch(SqsEventConsumer::isRunning);
    }

    /** Stops every consumer, ends their handler threads and forgets them; closes the client if this created it. */
    @Override
    public void close() {
        stop();
        consumers.values().forEach(SqsEventConsumer::close);
        consumers.clear();
    }

    private void all(Consumer<SqsEventConsumer> action) {
        List<CompletableFuture<Void>> stopping = consumers.values().stream()
                .map(consumer -> CompletableFuture.runAsync(
                        () -> action.accept(consumer),
                        command -> Thread.ofPlatform().name("sqs-consumer-stop").start(command)))
                .toList();
        CompletableFuture.allOf(stopping.toArray(CompletableFuture[]::new)).join();
    }
}
