package ai.socagent.eventbus.aws;

import ai.socagent.eventbus.EventHandler;
import ai.socagent.eventbus.EventTracing;
import ai.socagent.eventbus.IdempotencyStore;
import ai.socagent.eventbus.RetryPolicy;
import ai.socagent.eventbus.delivery.DeliveryRules;
import ai.socagent.eventbus.delivery.DeliveryRules.Outcome;
import ai.socagent.eventbus.envelope.EventCodec;
import ai.socagent.eventbus.routing.QueueDefinition;
import io.awspring.cloud.sqs.listener.AsyncAdapterBlockingExecutionFailedException;
import io.awspring.cloud.sqs.listener.ListenerExecutionFailedException;
import io.awspring.cloud.sqs.listener.MessageProcessingException;
import io.awspring.cloud.sqs.listener.SqsHeaders;
import io.awspring.cloud.sqs.listener.SqsMessageListenerContainer;
import io.awspring.cloud.sqs.listener.Visibility;
import io.awspring.cloud.sqs.listener.acknowledgement.handler.AcknowledgementMode;
import io.awspring.cloud.sqs.listener.errorhandler.AsyncErrorHandler;
import java.io.Serial;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import org.springframework.messaging.Message;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * Consumes one service's SQS queue with a spring-cloud-aws {@link SqsMessageListenerContainer}
 * ({@link SqsListenerSettings}) by the bus's {@link DeliveryRules}: decode, idempotency claim, handler,
 * release on failure, retry with backoff, dead letter.
 *
 * <p>How the rules' decision is carried out on SQS, all through the container's own error handling and
 * acknowledgement ({@link AcknowledgementMode#ON_SUCCESS}, batched): a handled or duplicate event
 * returns from the listener and is acknowledged (deleted). Otherwise the listener throws and the
 * container's {@link AsyncErrorHandler} acts: for a retry it changes the message's visibility timeout
 * to the {@link RetryPolicy} backoff for its {@code ApproximateReceiveCount} through the container's
 * {@link Visibility} and completes exceptionally (the message stays and comes back after it); for a
 * dead letter (an event no handler can read, or the queue's {@code maxReceiveCount}-th receive) it moves
 * the message to the dead-letter queue with the reason ({@link SqsDeadLetterMove}, message attribute
 * {@value #REASON_ATTRIBUTE}) and completes normally, which acknowledges it. The queue's redrive policy
 * (same count) remains the safety net for a consumer that dies mid-message.
 *
 * <p>A {@link StallWatchdog} restarts the container if it stops polling while messages wait.
 */
public final class SqsEventConsumer implements AutoCloseable {

    /** Message attribute of a dead letter: why it is there. */
    public static final String REASON_ATTRIBUTE = "failure-reason";

    /** Message attribute of a dead letter: how many times it was received before. */
    public static final String RECEIVE_COUNT_ATTRIBUTE = "receive-count";

    /** Message attribute of a dead letter: the queue it came from. */
    public static final String QUEUE_ATTRIBUTE = "source-queue";

    private final SqsAsyncClient sqs;
    private final QueueDefinition queue;
    private final String queueUrl;
    private final EventHandler handler;
    private final DeliveryRules rules;
    private final SqsDeadLetterMove deadLetters;
    private final ThreadPoolTaskExecutor handlerThreads;
    /** A virtual thread per message; {@link #handling} bounds how many handle at once. */
    private final ExecutorService handlers;

    private final Semaphore handling;
    private final SqsMessageListenerContainer<String> container;
    private final StallWatchdog watchdog;

    private SqsEventConsumer(Builder builder) {
        this.sqs = builder.sqsAsync;
        this.queue = builder.queue;
        this.queueUrl = builder.queueUrl;
        this.handler = builder.handler;
        this.rules = DeliveryRules.create(
                builder.codec,
                builder.idempotency,
                builder.tracing,
                EventTracing.AWS_SQS,
                builder.retry,
                builder.idempotencyTtl,
                Duration.ofSeconds(builder.queue.visibilityTimeoutSeconds()));
        this.deadLetters = new SqsDeadLetterMove(sqs, queue.name(), builder.deadLetterQueueUrl);
        SqsListenerSettings settings = new SqsListenerSettings(
                queue.name(), queueUrl, builder.concurrency, builder.waitTimeSeconds, queue.visibilityTimeoutSeconds());
        this.handlerThreads = settings.handlerThreads();
        this.handlers = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("sqs-" + queue.name() + "-", 1).factory());
        this.handling = new Semaphore(builder.concurrency);
        this.container = settings.container(sqs, this::onMessageAsync, new DeliveryErrorHandler(), handlerThreads);
        this.watchdog =
                new StallWatchdog(queue.name(), queueUrl, sqs, builder.stallTimeout, new StallWatchdog.Container() {
                    @Override
                    public void stop() {
                        container.stop();
                    }

                    @Override
                    public void start() {
                        container.start();
                    }
                });
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts the listener container: from now on the queue's messages go to the handler. */
    public void start() {
        container.start();
        watchdog.start();
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
        watchdog.stop();
        container.stop();
    }

    /** Stops the consumer and ends its handler threads; the SQS client is the caller's and stays open. */
    @Override
    public void close() {
        stop();
        handlerThreads.shutdown();
        handlers.shutdown();
    }

    /** How many times the watchdog found the consumer stalled and restarted its listener container. */
    public int stallsDetected() {
        return watchdog.stallsDetected();
    }

    /** The watchdog's check, run now. */
    void checkForStall() {
        watchdog.check();
    }

    /**
     * Test seam: stops the listener container behind the consumer's back, so that it polls no more while
     * the consumer counts as started, as with lost permits.
     */
    void stopPollingForTest() {
        container.stop();
    }

    /**
     * The container's listener: hands the message to a virtual thread of the queue (at most {@code
     * concurrency} handling at once) and returns; the message's permit is held until its future
     * completes, so the container polls no more than it can handle.
     */
    private CompletableFuture<Void> onMessageAsync(Message<String> message) {
        return CompletableFuture.runAsync(
                () -> {
                    handling.acquireUninterruptibly();
                    try {
                        onMessage(message);
                    } finally {
                        handling.release();
                    }
                },
                handlers);
    }

    /**
     * The rules, on the message's virtual thread; returning acknowledges the message, throwing {@link
     * OutcomeException} hands the rules' decision to {@link DeliveryErrorHandler}.
     */
    private void onMessage(Message<String> message) {
        watchdog.received();
        watchdog.handling();
        try {
            Outcome outcome = rules.deliver(
                    queue.name(), message.getPayload(), null, receiveCount(message), queue.maxReceiveCount(), handler);
            if (outcome instanceof Outcome.Retry || outcome instanceof Outcome.DeadLetter) {
                throw new OutcomeException(outcome);
            }
        } finally {
            watchdog.handled();
        }
    }

    /**
     * Carries out a retry or a dead letter. Anything else the container reports (a failure outside the
     * rules) counts as a failed delivery of the consumer's own ({@link DeliveryRules#CONSUMER_FAILED}).
     */
    private final class DeliveryErrorHandler implements AsyncErrorHandler<String> {

        @Override
        public CompletableFuture<Void> handle(Message<String> message, Throwable failure) {
            Throwable cause = cause(failure);
            int receives = receiveCount(message);
            Outcome outcome = cause instanceof OutcomeException decided
                    ? decided.outcome
                    : rules.failed(receives, queue.maxReceiveCount(), DeliveryRules.CONSUMER_FAILED, cause);
            return switch (outcome) {
                case Outcome.DeadLetter dead -> deadLetters.move(message, dead.reason(), receives);
                case Outcome.Retry retry -> redeliverAfter(message, retry, receives, failure);
                case Outcome.Handled handled -> CompletableFuture.completedFuture(null);
                case Outcome.Duplicate duplicate -> CompletableFuture.completedFuture(null);
            };
        }

        private CompletableFuture<Void> redeliverAfter(
                Message<String> message, Outcome.Retry retry, int receives, Throwable failure) {
            // SQS counts visibility in whole seconds: a backoff under a second is an immediate retry.
            int seconds = (int) Math.min(
                    Visibility.MAX_VISIBILITY_TIMEOUT_SECONDS, retry.backoff().toSeconds());
            Visibility visibility =
                    message.getHeaders().get(SqsHeaders.SQS_VISIBILITY_TIMEOUT_HEADER, Visibility.class);
            CompletableFuture<Void> changed = visibility != null
                    ? visibility.changeToAsync(seconds)
                    : sqs.changeMessageVisibility(b -> b.queueUrl(queueUrl)
                                    .receiptHandle(message.getHeaders()
                                            .get(SqsHeaders.SQS_RECEIPT_HANDLE_HEADER, String.class))
                                    .visibilityTimeout(seconds))
                            .thenApply(response -> null);
            // Completing exceptionally leaves the message unacknowledged: it comes back after `seconds`.
            RedeliveryScheduledException scheduled =
                    new RedeliveryScheduledException(receives, seconds, retry.failure());
            return changed.handle((done, changeFailed) -> {
                if (changeFailed != null) {
                    scheduled.addSuppressed(changeFailed);
                }
                throw scheduled;
            });
        }
    }

    /** The failure itself, without the container's and the futures' wrappers. */
    private static Throwable cause(Throwable failure) {
        Throwable current = failure;
        while (current.getCause() != null
                && !(current instanceof OutcomeException)
                && (current instanceof MessageProcessingException
                        || current instanceof ListenerExecutionFailedException
                        || current instanceof AsyncAdapterBlockingExecutionFailedException
                        || current instanceof CompletionException
                        || current instanceof ExecutionException)) {
            current = current.getCause();
        }
        return current;
    }

    private static int receiveCount(Message<String> message) {
        Object count = message.getHeaders().get(SqsHeaders.MessageSystemAttributes.SQS_APPROXIMATE_RECEIVE_COUNT);
        return count == null ? 1 : Integer.parseInt(count.toString());
    }

    /** The rules decided on a retry or a dead letter: thrown to the container's error handler. */
    private static final class OutcomeException extends RuntimeException {
        @Serial
        private static final long serialVersionUID = 1L;

        @SuppressWarnings("serial") // never serialised: it goes from the listener to the error handler
        private final Outcome outcome;

        OutcomeException(Outcome outcome) {
            super(outcome.toString(), outcome instanceof Outcome.Retry retry ? retry.failure() : null, false, false);
            this.outcome = outcome;
        }
    }

    /** The error handler's result for a retry: the container leaves the message for its redelivery. */
    private static final class RedeliveryScheduledException extends RuntimeException {
        @Serial
        private static final long serialVersionUID = 1L;

        RedeliveryScheduledException(int receives, int seconds, Throwable cause) {
            super("delivery " + receives + " failed, next one in " + seconds + " s", cause, false, true);
        }
    }

    /** Builder of {@link SqsEventConsumer}; every field but the tuning ones is required. */
    public static final class Builder {
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

        /** The SQS client the listener container uses (the caller's: the consumer does not close it). */
        public Builder sqs(SqsAsyncClient value) {
            this.sqsAsync = value;
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
            if (value < 1 || value > 1_000) {
                throw new IllegalArgumentException("concurrency must be 1 to 1000 but was " + value);
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
            if (sqsAsync == null || queue == null || idempotency == null || handler == null) {
                throw new IllegalStateException("sqs, queue, idempotency and handler are required");
            }
            if (queueUrl == null || deadLetterQueueUrl == null) {
                throw new IllegalStateException("the queue's and its dead-letter queue's URLs are required");
            }
            return new SqsEventConsumer(this);
        }
    }
}
