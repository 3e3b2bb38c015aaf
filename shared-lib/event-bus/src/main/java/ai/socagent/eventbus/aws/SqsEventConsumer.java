package ai.socagent.eventbus.aws;

import ai.socagent.eventbus.EventHandler;
import ai.socagent.eventbus.EventMdc;
import ai.socagent.eventbus.EventTracing;
import ai.socagent.eventbus.IdempotencyStore;
import ai.socagent.eventbus.InboundEvent;
import ai.socagent.eventbus.RetryPolicy;
import ai.socagent.eventbus.UndeliverableEventException;
import ai.socagent.eventbus.envelope.EventCodec;
import ai.socagent.eventbus.routing.QueueDefinition;
import io.awspring.cloud.sqs.MessageExecutionThreadFactory;
import io.awspring.cloud.sqs.listener.AsyncAdapterBlockingExecutionFailedException;
import io.awspring.cloud.sqs.listener.BackPressureMode;
import io.awspring.cloud.sqs.listener.MessageProcessingException;
import io.awspring.cloud.sqs.listener.QueueNotFoundStrategy;
import io.awspring.cloud.sqs.listener.SqsHeaders;
import io.awspring.cloud.sqs.listener.SqsMessageListenerContainer;
import io.awspring.cloud.sqs.listener.Visibility;
import io.awspring.cloud.sqs.listener.acknowledgement.handler.AcknowledgementMode;
import io.awspring.cloud.sqs.listener.errorhandler.ErrorHandler;
import io.awspring.cloud.sqs.support.converter.SqsMessagingMessageConverter;
import java.io.Serial;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClientBuilder;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsServiceClientConfiguration;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Consumes one service's SQS queue with a spring-cloud-aws {@link SqsMessageListenerContainer}: decodes
 * each EventBridge event ({@link EventCodec}), claims its id in the {@link IdempotencyStore}, calls the
 * handler, and lets the container delete the message once handled ({@link AcknowledgementMode#ON_SUCCESS},
 * acknowledged at once, not batched).
 *
 * <p>Failures: an event no handler can read (unknown detail-type, unsupported schema version,
 * malformed) goes to the dead-letter queue at once; a handler that throws gets the event again after
 * a backoff (the container's error handler changes the message's visibility timeout to the {@link
 * RetryPolicy} backoff for its {@code ApproximateReceiveCount}), and on the queue's {@code
 * maxReceiveCount}-th receive the error handler moves it to the dead-letter queue itself, so that the
 * reason travels with it as the message attribute {@value #REASON_ATTRIBUTE}. The queue's redrive policy
 * (same count) remains the safety net for a consumer that dies mid-message.
 *
 * <p>Throughput: {@link Builder#concurrency(int)} handler threads of the queue's own (so a priority queue
 * never waits behind ordinary ones), and one more poll's worth of messages ({@code maxMessagesPerPoll},
 * at most ten) in flight, so that the next ReceiveMessage overlaps with the handling of the previous
 * batch instead of waiting for all of it; handled messages are deleted in batches (DeleteMessageBatch,
 * every {@value #ACKNOWLEDGEMENT_INTERVAL_MILLIS} ms or ten messages), which frees a message's
 * concurrency permit as soon as its handler returns. A message whose delete is lost (the process dies
 * in those 100 ms) comes back and is dropped by its idempotency claim.
 *
 * <p>Stall watchdog: if nothing was received and no handler ran for {@link Builder#stallTimeout(Duration)}
 * while the queue has visible messages, the consumer logs an error and restarts its listener container
 * (which rebuilds the container's back-pressure permits), counted by {@link #stallsDetected()}.
 */
public final class SqsEventConsumer implements AutoCloseable {

    /** Message attribute of a dead letter: why it is there. */
    public static final String REASON_ATTRIBUTE = "failure-reason";

    /** Message attribute of a dead letter: how many times it was received before. */
    public static final String RECEIVE_COUNT_ATTRIBUTE = "receive-count";

    /** Message attribute of a dead letter: the queue it came from. */
    public static final String QUEUE_ATTRIBUTE = "source-queue";

    private static final int MAX_REASON_LENGTH = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(SqsEventConsumer.class);

    private static final Duration PARTIAL_BATCH_WAIT = Duration.ofMillis(100);

    static final long ACKNOWLEDGEMENT_INTERVAL_MILLIS = 100;

    /** Also the most SQS deletes in one DeleteMessageBatch. */
    private static final int ACKNOWLEDGEMENT_THRESHOLD = 10;

    private final SqsAsyncClient sqs;
    private final boolean ownsClient;
    private final QueueDefinition queue;
    private final String queueUrl;
    private final String deadLetterQueueUrl;
    private final EventCodec codec;
    private final IdempotencyStore idempotency;
    private final EventHandler handler;
    private final EventTracing tracing;
    private final RetryPolicy retry;
    private final Duration idempotencyTtl;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final ThreadPoolTaskExecutor handlerThreads;
    private final SqsMessageListenerContainer<String> container;
    private final Duration stallTimeout;
    private final AtomicLong received = new AtomicLong();
    private final AtomicInteger handling = new AtomicInteger();
    private final AtomicInteger stalls = new AtomicInteger();
    private final AtomicBoolean restarting = new AtomicBoolean();
    private final Object watchdogLock = new Object();
    private ScheduledFuture<?> watchdog;
    private volatile boolean started;
    private volatile long receivedAtLastCheck = -1;
    private volatile long quietSinceNanos;

    private SqsEventConsumer(Builder builder) {
        this.ownsClient = builder.sqsAsync == null;
        this.sqs = ownsClient ? asyncClientLike(builder.sqs) : builder.sqsAsync;
        this.queue = builder.queue;
        this.queueUrl = builder.queueUrl;
        this.deadLetterQueueUrl = builder.deadLetterQueueUrl;
        this.codec = builder.codec;
        this.idempotency = builder.idempotency;
        this.handler = builder.handler;
        this.tracing = builder.tracing;
        this.retry = builder.retry;
        this.idempotencyTtl = builder.idempotencyTtl;
        this.stallTimeout = builder.stallTimeout;
        this.handlerThreads = handlerThreads(queue.name(), builder.concurrency);
        this.container = container(builder.concurrency, builder.waitTimeSeconds);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The queue's handler threads. The queue is unbounded so that the pool never refuses a message: the
     * container would keep a refused message's permit for good (spring-cloud-aws 4.0.2 releases it only
     * when the message's processing future completes), and the consumer would stop polling once all
     * permits were lost that way. At most one poll's worth of messages waits here.
     */
    private static ThreadPoolTaskExecutor handlerThreads(String queueName, int concurrency) {
        MessageExecutionThreadFactory threads = new MessageExecutionThreadFactory();
        threads.setThreadNamePrefix("sqs-" + queueName + "-");
        threads.setDaemon(true);
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(concurrency);
        executor.setMaxPoolSize(concurrency);
        executor.setQueueCapacity(Integer.MAX_VALUE);
        executor.setAllowCoreThreadTimeOut(true);
        executor.setThreadFactory(threads);
        executor.initialize();
        return executor;
    }

    private SqsMessageListenerContainer<String> container(int concurrency, int waitTimeSeconds) {
        // The body is the EventBridge event as a String: no payload conversion, whatever type header a
        // sender put on the message.
        SqsMessagingMessageConverter converter = new SqsMessagingMessageConverter();
        converter.setPayloadTypeMapper(message -> null);
        return SqsMessageListenerContainer.<String>builder()
                .id("sqs-" + queue.name())
                .sqsAsyncClient(sqs)
                .queueNames(queueUrl)
                .messageListener(this::onMessage)
                .errorHandler(new ErrorHandler<String>() {
                    @Override
                    public void handle(Message<String> message, Throwable failure) {
                        onError(message, failure);
                    }
                })
                .configure(options -> options
                        // Permits = messages in flight: those being handled plus one poll's worth, so the
                        // next receive overlaps with the handling of the last batch (with only
                        // `concurrency` permits each poll waited for the whole previous batch, receive
                        // latency included: 15 events/s through moto where a plain loop did 76).
                        .maxConcurrentMessages(concurrency + Math.min(10, concurrency))
                        .maxMessagesPerPoll(Math.min(10, concurrency))
                        .backPressureMode(BackPressureMode.AUTO)
                        .componentsTaskExecutor(handlerThreads)
                        // While some messages are in flight the container waits this long for a full
                        // batch of permits before polling for the free ones only (default 10 s, which
                        // would hold a new message back that long behind a busy handler).
                        .maxDelayBetweenPolls(PARTIAL_BATCH_WAIT)
                        .pollTimeout(Duration.ofSeconds(waitTimeSeconds))
                        .messageVisibility(Duration.ofSeconds(queue.visibilityTimeoutSeconds()))
                        .acknowledgementMode(AcknowledgementMode.ON_SUCCESS)
                        // Batched deletes: the permit is free when the handler returns, not after a
                        // DeleteMessage round trip per message.
                        .acknowledgementInterval(Duration.ofMillis(ACKNOWLEDGEMENT_INTERVAL_MILLIS))
                        .acknowledgementThreshold(ACKNOWLEDGEMENT_THRESHOLD)
                        .listenerShutdownTimeout(Duration.ofSeconds(waitTimeSeconds + 5L))
                        .acknowledgementShutdownTimeout(Duration.ofSeconds(5))
                        .queueNotFoundStrategy(QueueNotFoundStrategy.FAIL)
                        .messageConverter(converter))
                .build();
    }

    /** Starts the listener container: from now on the queue's messages go to the handler. */
    public void start() {
        container.start();
        started = true;
        startWatchdog();
    }

    /** Whether the listener container is running. */
    public boolean isRunning() {
        return container.isRunning();
    }

    /**
     * Stops the listener container: no more polls, in-flight handler calls finish (up to the long-polling
     * wait plus five seconds). The consumer can be started again.
     */
    public void stop() {
        started = false;
        stopWatchdog();
        container.stop();
    }

    /** Stops the consumer, ends its handler threads and closes the SQS client it created itself, if any. */
    @Override
    public void close() {
        stop();
        handlerThreads.shutdown();
        if (ownsClient) {
            sqs.close();
        }
    }

    /** How many times the watchdog found the consumer stalled and restarted its listener container. */
    public int stallsDetected() {
        return stalls.get();
    }

    private void startWatchdog() {
        if (stallTimeout.isZero()) {
            return;
        }
        synchronized (watchdogLock) {
            if (watchdog != null) {
                return;
            }
            receivedAtLastCheck = -1;
            long period = Math.max(100, stallTimeout.toMillis() / 4);
            watchdog = Watchdogs.SCHEDULER.scheduleWithFixedDelay(
                    this::checkForStall, period, period, TimeUnit.MILLISECONDS);
        }
    }

    private void stopWatchdog() {
        synchronized (watchdogLock) {
            if (watchdog != null) {
                watchdog.cancel(false);
                watchdog = null;
            }
        }
    }

    /**
     * The watchdog's check: nothing received and no handler running for the stall timeout while the
     * queue has visible messages means the container stopped polling (as spring-cloud-aws does when its
     * concurrency permits are lost); restarting it builds new permits.
     */
    void checkForStall() {
        try {
            if (restarting.get() || !started) {
                return;
            }
            long seen = received.get();
            long now = System.nanoTime();
            if (seen != receivedAtLastCheck || handling.get() > 0) {
                receivedAtLastCheck = seen;
                quietSinceNanos = now;
                return;
            }
            Duration quiet = Duration.ofNanos(now - quietSinceNanos);
            if (quiet.compareTo(stallTimeout) < 0) {
                return;
            }
            int visible = visibleMessages();
            if (visible == 0) {
                quietSinceNanos = now;
                return;
            }
            stalls.incrementAndGet();
            LOG.error(
                    "SQS consumer of queue {} stalled: {} messages visible, none received and no handler running"
                            + " for {} s; restarting its listener container",
                    queue.name(),
                    visible,
                    quiet.toSeconds());
            restart();
        } catch (RuntimeException e) {
            LOG.warn("Stall check of the SQS consumer of queue {} failed: {}", queue.name(), e.toString());
        }
    }

    private int visibleMessages() {
        try {
            String count = sqs.getQueueAttributes(
                            b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                    .get(30, TimeUnit.SECONDS)
                    .attributes()
                    .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
            return count == null ? 0 : Integer.parseInt(count);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("GetQueueAttributes failed: " + e, e);
        }
    }

    /** Stop and start on a thread of its own: stopping waits for the (lost) permits up to its timeout. */
    private void restart() {
        if (!restarting.compareAndSet(false, true)) {
            return;
        }
        Thread.ofPlatform().name("sqs-" + queue.name() + "-restart").daemon().start(() -> {
            try {
                container.stop();
                if (started) {
                    container.start();
                }
                quietSinceNanos = System.nanoTime();
                LOG.warn("SQS consumer of queue {} restarted", queue.name());
            } catch (RuntimeException e) {
                LOG.error("Restarting the SQS consumer of queue {} failed", queue.name(), e);
            } finally {
                restarting.set(false);
            }
        });
    }

    /**
     * Test seam: stops the listener container behind the consumer's back, so that it polls no more while
     * the consumer counts as started, as with lost permits.
     */
    void stopPollingForTest() {
        container.stop();
    }

    /** One daemon thread for the stall checks of all consumers. */
    private static final class Watchdogs {
        static final ScheduledExecutorService SCHEDULER = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("sqs-consumer-watchdog").daemon().factory());
    }

    /** The container's listener: returning acknowledges (deletes) the message, throwing leaves it to {@link #onError}. */
    private void onMessage(Message<String> message) {
        received.incrementAndGet();
        handling.incrementAndGet();
        try {
            handleMessage(message);
        } finally {
            handling.decrementAndGet();
        }
    }

    private void handleMessage(Message<String> message) {
        InboundEvent event;
        try {
            event = codec.decode(message.getPayload());
        } catch (UndeliverableEventException e) {
            deadLetter(message, e.getMessage());
            return;
        }
        String deduplicationId = event.deduplicationId();
        // The same event received twice at once must not race itself to the idempotency store: the
        // first copy is handled, the second deleted (the first's message stays in the queue until it
        // is handled, so nothing is lost if it fails).
        if (!inFlight.add(deduplicationId)) {
            return;
        }
        try {
            handleClaimed(event);
        } finally {
            inFlight.remove(deduplicationId);
        }
    }

    private void handleClaimed(InboundEvent event) {
        if (!idempotency.claim(queue.name(), event.deduplicationId(), idempotencyTtl)) {
            return;
        }
        try {
            EventMdc.handle(tracing, EventTracing.AWS_SQS, queue.name(), handler, event);
        } catch (Exception | AssertionError e) {
            idempotency.release(queue.name(), event.deduplicationId());
            throw new HandlerFailedException(e);
        }
    }

    /**
     * The container's error handler: before the last receive, the message comes back after the backoff
     * (its visibility timeout changed to it; throwing leaves it unacknowledged); on the last, it goes to
     * the dead-letter queue with the reason (returning acknowledges it).
     */
    private void onError(Message<String> message, Throwable failure) {
        Throwable cause = cause(failure);
        int receives = receiveCount(message);
        if (receives >= queue.maxReceiveCount()) {
            String kind = cause instanceof HandlerFailedException ? "HANDLER_FAILED" : "CONSUMER_FAILED";
            Throwable reported = cause instanceof HandlerFailedException ? cause.getCause() : cause;
            deadLetter(message, kind + " after " + receives + " attempts: " + reported);
            return;
        }
        int seconds = (int) Math.min(
                Visibility.MAX_VISIBILITY_TIMEOUT_SECONDS,
                retry.backoff(receives).toSeconds());
        Visibility visibility = message.getHeaders().get(SqsHeaders.SQS_VISIBILITY_TIMEOUT_HEADER, Visibility.class);
        if (visibility != null) {
            visibility.changeTo(seconds);
        } else {
            sqs.changeMessageVisibility(b -> b.queueUrl(queueUrl)
                            .receiptHandle(receiptHandle(message))
                            .visibilityTimeout(seconds))
                    .join();
        }
        throw new RedeliveryScheduledException(receives, seconds, cause);
    }

    /** The failure itself, without the container's and the futures' wrappers. */
    private static Throwable cause(Throwable failure) {
        Throwable current = failure;
        while (current.getCause() != null
                && !(current instanceof HandlerFailedException)
                && (current instanceof MessageProcessingException
                        || current instanceof AsyncAdapterBlockingExecutionFailedException
                        || current instanceof CompletionException
                        || current instanceof ExecutionException)) {
            current = current.getCause();
        }
        return current;
    }

    private void deadLetter(Message<String> message, String reason) {
        sqs.sendMessage(b -> b.queueUrl(deadLetterQueueUrl)
                        .messageBody(message.getPayload())
                        .messageAttributes(Map.of(
                                REASON_ATTRIBUTE,
                                text(
                                        reason.length() > MAX_REASON_LENGTH
                                                ? reason.substring(0, MAX_REASON_LENGTH)
                                                : reason),
                                QUEUE_ATTRIBUTE,
                                text(queue.name()),
                                RECEIVE_COUNT_ATTRIBUTE,
                                text(String.valueOf(receiveCount(message))))))
                .join();
    }

    private static int receiveCount(Message<String> message) {
        Object count = message.getHeaders().get(SqsHeaders.MessageSystemAttributes.SQS_APPROXIMATE_RECEIVE_COUNT);
        return count == null ? 1 : Integer.parseInt(count.toString());
    }

    private static String receiptHandle(Message<String> message) {
        return message.getHeaders().get(SqsHeaders.SQS_RECEIPT_HANDLE_HEADER, String.class);
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder()
                .dataType("String")
                .stringValue(value)
                .build();
    }

    /**
     * An async client to the same endpoint, region and credentials as {@code sync}, for callers that
     * hand over only an {@link SqsClient} (the listener container needs an {@link SqsAsyncClient}).
     */
    static SqsAsyncClient asyncClientLike(SqsClient sync) {
        SqsServiceClientConfiguration configuration = sync.serviceClientConfiguration();
        SqsAsyncClientBuilder builder = SqsAsyncClient.builder()
                .region(configuration.region())
                .credentialsProvider(configuration.credentialsProvider());
        configuration.endpointOverride().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /** The handler threw: the delivery counts as failed (its claim was released). */
    private static final class HandlerFailedException extends RuntimeException {
        @Serial
        private static final long serialVersionUID = 1L;

        HandlerFailedException(Throwable cause) {
            super(cause.toString(), cause);
        }
    }

    /** Thrown by the error handler so that the container leaves the message for its redelivery. */
    private static final class RedeliveryScheduledException extends RuntimeException {
        @Serial
        private static final long serialVersionUID = 1L;

        RedeliveryScheduledException(int receives, int seconds, Throwable cause) {
            super("delivery " + receives + " failed, next one in " + seconds + " s", cause, false, false);
        }
    }

    /** Builder of {@link SqsEventConsumer}; every field but the tuning ones is required. */
    public static final class Builder {
        private SqsClient sqs;
        private SqsAsyncClient sqsAsync;
        private QueueDefinition queue;
        private String queueUrl;
        private String deadLetterQueueUrl;
        private EventCodec codec = EventCodec.create();
        private IdempotencyStore idempotency;
        private EventHandler handler;
        private EventTracing tracing = EventTracing.global();
        private RetryPolicy retry = RetryPolicy.defaults();
        private Duration idempotencyTtl = Duration.ofHours(24);
        private int waitTimeSeconds = 20;
        private int concurrency = 1;
        private Duration stallTimeout = Duration.ofSeconds(60);

        private Builder() {}

        /**
         * The SQS client the listener container uses. Preferred over {@link #sqs(SqsClient)}: the
         * consumer neither creates nor closes a client then.
         */
        public Builder sqs(SqsAsyncClient value) {
            this.sqsAsync = value;
            return this;
        }

        /**
         * A synchronous client instead: the consumer creates an {@link SqsAsyncClient} with the same
         * endpoint, region and credentials, and closes it on {@link #close()}.
         */
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

        /** Consumer spans of the handler calls; default {@link EventTracing#global()}. */
        public Builder tracing(EventTracing value) {
            this.tracing = value;
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

        /** Long-polling wait per receive (the container's {@code pollTimeout}), 0 to 20 seconds. */
        public Builder waitTimeSeconds(int value) {
            if (value < 0 || value > 20) {
                throw new IllegalArgumentException("waitTimeSeconds must be 0 to 20 but was " + value);
            }
            this.waitTimeSeconds = value;
            return this;
        }

        /** Messages handled at once (the container's {@code maxConcurrentMessages}), 1 to 100; default 1. */
        public Builder concurrency(int value) {
            if (value < 1 || value > 100) {
                throw new IllegalArgumentException("concurrency must be 1 to 100 but was " + value);
            }
            this.concurrency = value;
            return this;
        }

        /**
         * How long the queue may have visible messages while nothing is received and no handler runs
         * before the watchdog logs an error and restarts the listener container; default 60 s (more than
         * the 20 s long poll), {@link Duration#ZERO} switches the watchdog off.
         */
        public Builder stallTimeout(Duration value) {
            if (value.isNegative()) {
                throw new IllegalArgumentException("stallTimeout must not be negative but was " + value);
            }
            this.stallTimeout = value;
            return this;
        }

        public SqsEventConsumer build() {
            if ((sqs == null && sqsAsync == null) || queue == null || idempotency == null || handler == null) {
                throw new IllegalStateException("sqs, queue, idempotency and handler are required");
            }
            if (queueUrl == null || deadLetterQueueUrl == null) {
                throw new IllegalStateException("the queue's and its dead-letter queue's URLs are required");
            }
            return new SqsEventConsumer(this);
        }
    }
}
