package ai.socagent.eventbus.aws;

import ai.socagent.eventbus.EventHandler;
import ai.socagent.eventbus.EventMdc;
import ai.socagent.eventbus.IdempotencyStore;
import ai.socagent.eventbus.InboundEvent;
import ai.socagent.eventbus.RetryPolicy;
import ai.socagent.eventbus.UndeliverableEventException;
import ai.socagent.eventbus.envelope.EventCodec;
import ai.socagent.eventbus.routing.QueueDefinition;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Consumes one service's SQS queue: decodes each EventBridge event, claims its id in the {@link
 * IdempotencyStore}, calls the handler, and deletes the message once handled.
 *
 * <p>Failures: an event no handler can read (unknown detail-type, unsupported schema version,
 * malformed) goes to the dead-letter queue at once; a handler that throws gets the event again after
 * a backoff (the message's visibility is shortened to it), and on the queue's {@code maxReceiveCount}-th
 * receive the consumer moves it to the dead-letter queue itself, so that the reason travels with it as
 * the message attribute {@value #REASON_ATTRIBUTE}. The queue's redrive policy (same count) remains the
 * safety net for a consumer that dies mid-message.
 */
public final class SqsEventConsumer implements AutoCloseable {

    /** Message attribute of a dead letter: why it is there. */
    public static final String REASON_ATTRIBUTE = "failure-reason";

    /** Message attribute of a dead letter: how many times it was received before. */
    public static final String RECEIVE_COUNT_ATTRIBUTE = "receive-count";

    /** Message attribute of a dead letter: the queue it came from. */
    public static final String QUEUE_ATTRIBUTE = "source-queue";

    private final SqsClient sqs;
    private final QueueDefinition queue;
    private final String queueUrl;
    private final String deadLetterQueueUrl;
    private final EventCodec codec;
    private final IdempotencyStore idempotency;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final EventHandler handler;
    private final RetryPolicy retry;
    private final Duration idempotencyTtl;
    private final int waitTimeSeconds;
    private final int concurrency;
    private final Semaphore permits;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile Thread poller;
    private volatile ExecutorService workers;

    private SqsEventConsumer(Builder builder) {
        this.sqs = builder.sqs;
        this.queue = builder.queue;
        this.queueUrl = builder.queueUrl;
        this.deadLetterQueueUrl = builder.deadLetterQueueUrl;
        this.codec = builder.codec;
        this.idempotency = builder.idempotency;
        this.handler = builder.handler;
        this.retry = builder.retry;
        this.idempotencyTtl = builder.idempotencyTtl;
        this.waitTimeSeconds = builder.waitTimeSeconds;
        this.concurrency = builder.concurrency;
        this.permits = new Semaphore(builder.concurrency);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Receives up to ten messages (long polling) and processes them; returns how many arrived. */
    public int pollOnce() {
        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl)
                        .maxNumberOfMessages(10)
                        .waitTimeSeconds(waitTimeSeconds)
                        .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                .messages();
        messages.forEach(this::process);
        return messages.size();
    }

    /**
     * Polls on a thread of its own until {@link #close()}, handing each message to one of {@code
     * concurrency} handler threads: it receives only as many messages as there are idle handler
     * threads, so a received message never waits behind another (its visibility timeout runs).
     */
    public void start() {
        if (running.compareAndSet(false, true)) {
            ExecutorService handlers = Executors.newFixedThreadPool(
                    concurrency,
                    Thread.ofPlatform()
                            .name("sqs-handler-" + queue.name() + "-", 1)
                            .daemon(true)
                            .factory());
            workers = handlers;
            poller = Thread.ofPlatform()
                    .name("sqs-consumer-" + queue.name())
                    .daemon(true)
                    .start(() -> {
                        while (running.get()) {
                            try {
                                pollConcurrently(handlers);
                            } catch (InterruptedException e) {
                                return;
                            } catch (RuntimeException e) {
                                // The next poll retries; a closed client ends the loop through close().
                                if (!running.get()) {
                                    return;
                                }
                            }
                        }
                    });
        }
    }

    private void pollConcurrently(ExecutorService handlers) throws InterruptedException {
        permits.acquire();
        int held = 1 + drain(Math.min(10, concurrency) - 1);
        List<Message> messages;
        try {
            messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl)
                            .maxNumberOfMessages(held)
                            .waitTimeSeconds(waitTimeSeconds)
                            .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                    .messages();
        } catch (RuntimeException e) {
            permits.release(held);
            throw e;
        }
        permits.release(held - messages.size());
        for (Message message : messages) {
            handlers.execute(() -> {
                try {
                    process(message);
                } catch (RuntimeException e) {
                    // SQS redelivers it once its visibility timeout ends.
                } finally {
                    permits.release();
                }
            });
        }
    }

    private int drain(int atMost) {
        int taken = 0;
        while (taken < atMost && permits.tryAcquire()) {
            taken++;
        }
        return taken;
    }

    @Override
    public void close() {
        running.set(false);
        Thread thread = poller;
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(waitTimeSeconds + 5L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        ExecutorService handlers = workers;
        if (handlers != null) {
            handlers.shutdown();
            try {
                handlers.awaitTermination(waitTimeSeconds + 5L, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void process(Message message) {
        InboundEvent event;
        try {
            event = codec.decode(message.body());
        } catch (UndeliverableEventException e) {
            deadLetter(message, e.getMessage());
            return;
        }
        String deduplicationId = event.deduplicationId();
        // The same event received twice in one batch must not race itself to the idempotency
        // store: the first copy is handled, the second deleted (the first's message stays in the
        // queue until it is handled, so nothing is lost if it fails).
        if (!inFlight.add(deduplicationId)) {
            delete(message);
            return;
        }
        try {
            processClaimed(message, event);
        } finally {
            inFlight.remove(deduplicationId);
        }
    }

    private void processClaimed(Message message, InboundEvent event) {
        if (!idempotency.claim(queue.name(), event.deduplicationId(), idempotencyTtl)) {
            delete(message);
            return;
        }
        try {
            EventMdc.handle(handler, event);
        } catch (Exception | AssertionError e) {
            idempotency.release(queue.name(), event.deduplicationId());
            int receives = receiveCount(message);
            if (receives >= queue.maxReceiveCount()) {
                deadLetter(message, "HANDLER_FAILED after " + receives + " attempts: " + e);
            } else {
                int seconds = (int) Math.min(43_200, retry.backoff(receives).toSeconds());
                sqs.changeMessageVisibility(b -> b.queueUrl(queueUrl)
                        .receiptHandle(message.receiptHandle())
                        .visibilityTimeout(seconds));
            }
            return;
        }
        delete(message);
    }

    private void deadLetter(Message message, String reason) {
        sqs.sendMessage(b -> b.queueUrl(deadLetterQueueUrl)
                .messageBody(message.body())
                .messageAttributes(Map.of(
                        REASON_ATTRIBUTE, text(reason.length() > 1000 ? reason.substring(0, 1000) : reason),
                        QUEUE_ATTRIBUTE, text(queue.name()),
                        RECEIVE_COUNT_ATTRIBUTE, text(String.valueOf(receiveCount(message))))));
        delete(message);
    }

    private static int receiveCount(Message message) {
        return Integer.parseInt(
                message.attributes().getOrDefault(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1"));
    }

    private void delete(Message message) {
        sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder()
                .dataType("String")
                .stringValue(value)
                .build();
    }

    /** Builder of {@link SqsEventConsumer}; every field but the tuning ones is required. */
    public static final class Builder {
        private SqsClient sqs;
        private QueueDefinition queue;
        private String queueUrl;
        private String deadLetterQueueUrl;
        private EventCodec codec = EventCodec.create();
        private IdempotencyStore idempotency;
        private EventHandler handler;
        private RetryPolicy retry = RetryPolicy.defaults();
        private Duration idempotencyTtl = Duration.ofHours(24);
        private int waitTimeSeconds = 20;
        private int concurrency = 1;

        private Builder() {}

        public Builder sqs(SqsClient value) {
            this.sqs = value;
            return this;
        }

        /** The queue's definition (name, maxReceiveCount) and the URLs of it and its dead-letter queue. */
        public Builder queue(QueueDefinition definition, String url, String deadLetterUrl) {
            this.queue = definition;
            this.queueUrl = url;
            this.deadLetterQueueUrl = deadLetterUrl;
            return this;
        }

        public Builder codec(EventCodec value) {
            this.codec = value;
            return this;
        }

        public Builder idempotency(IdempotencyStore value) {
            this.idempotency = value;
            return this;
        }

        public Builder handler(EventHandler value) {
            this.handler = value;
            return this;
        }

        public Builder retry(RetryPolicy value) {
            this.retry = value;
            return this;
        }

        public Builder idempotencyTtl(Duration value) {
            this.idempotencyTtl = value;
            return this;
        }

        /** Long-polling wait per receive, 0 to 20 seconds. */
        public Builder waitTimeSeconds(int value) {
            this.waitTimeSeconds = value;
            return this;
        }

        /** Messages handled at once by {@link #start()}, 1 to 100; default 1. */
        public Builder concurrency(int value) {
            if (value < 1 || value > 100) {
                throw new IllegalArgumentException("concurrency must be 1 to 100 but was " + value);
            }
            this.concurrency = value;
            return this;
        }

        public SqsEventConsumer build() {
            if (sqs == null || queue == null || idempotency == null || handler == null) {
                throw new IllegalStateException("sqs, queue, idempotency and handler are required");
            }
            return new SqsEventConsumer(this);
        }
    }
}
