package ai.socagent.eventbus.aws;

import ai.socagent.eventbus.EventHandler;
import ai.socagent.eventbus.EventSubscriptions;
import ai.socagent.eventbus.IdempotencyStore;
import ai.socagent.eventbus.RetryPolicy;
import ai.socagent.eventbus.envelope.EventCodec;
import ai.socagent.eventbus.routing.QueueDefinition;
import ai.socagent.eventbus.routing.RoutingDefinition;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@link EventSubscriptions} of the aws mode: each subscription starts an {@link SqsEventConsumer} on
 * the queue's URL, with {@link Settings#concurrency()} handler threads, or {@link
 * Settings#priorityConcurrency()} for a {@code priority} queue. {@link #close()} stops them all.
 */
public final class SqsEventSubscriptions implements EventSubscriptions, AutoCloseable {

    private final SqsClient sqs;
    private final RoutingDefinition definition;
    private final Function<String, String> queueUrls;
    private final EventCodec codec;
    private final IdempotencyStore idempotency;
    private final Settings settings;
    private final Map<String, SqsEventConsumer> consumers = new ConcurrentHashMap<>();

    /**
     * Tuning of the consumers.
     *
     * @param concurrency handler threads of an ordinary queue
     * @param priorityConcurrency handler threads of a priority queue
     * @param retry backoff between deliveries of a failing event (through the visibility timeout)
     * @param idempotencyTtl how long an event id is remembered
     * @param waitTimeSeconds long-polling wait, 0 to 20
     */
    public record Settings(
            int concurrency, int priorityConcurrency, RetryPolicy retry, Duration idempotencyTtl, int waitTimeSeconds) {

        public static Settings defaults() {
            return new Settings(4, 16, RetryPolicy.defaults(), Duration.ofHours(24), 20);
        }
    }

    private SqsEventSubscriptions(
            SqsClient sqs,
            RoutingDefinition definition,
            Function<String, String> queueUrls,
            EventCodec codec,
            IdempotencyStore idempotency,
            Settings settings) {
        this.sqs = sqs;
        this.definition = definition;
        this.queueUrls = queueUrls;
        this.codec = codec;
        this.idempotency = idempotency;
        this.settings = settings;
    }

    /**
     * Subscriptions on the queues whose URLs {@code queueUrls} gives by logical name (queues and
     * dead-letter queues).
     */
    public static SqsEventSubscriptions create(
            SqsClient sqs,
            RoutingDefinition definition,
            Function<String, String> queueUrls,
            EventCodec codec,
            IdempotencyStore idempotency,
            Settings settings) {
        return new SqsEventSubscriptions(sqs, definition, queueUrls, codec, idempotency, settings);
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
                .retry(settings.retry())
                .idempotencyTtl(settings.idempotencyTtl())
                .waitTimeSeconds(settings.waitTimeSeconds())
                .concurrency(definitionOfQueue.priority() ? settings.priorityConcurrency() : settings.concurrency())
                .build();
        if (consumers.putIfAbsent(queue, consumer) != null) {
            throw new IllegalStateException("'" + queue + "' already has a handler");
        }
        consumer.start();
    }

    @Override
    public void close() {
        consumers.values().forEach(SqsEventConsumer::close);
        consumers.clear();
    }
}
