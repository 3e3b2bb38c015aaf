package ai.socagent.eventbus.aws;

import io.awspring.cloud.sqs.MessageExecutionThreadFactory;
import io.awspring.cloud.sqs.listener.AsyncMessageListener;
import io.awspring.cloud.sqs.listener.BackPressureMode;
import io.awspring.cloud.sqs.listener.QueueNotFoundStrategy;
import io.awspring.cloud.sqs.listener.SqsMessageListenerContainer;
import io.awspring.cloud.sqs.listener.acknowledgement.handler.AcknowledgementMode;
import io.awspring.cloud.sqs.listener.errorhandler.AsyncErrorHandler;
import io.awspring.cloud.sqs.support.converter.SqsMessagingMessageConverter;
import java.time.Duration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * How an {@link SqsEventConsumer}'s spring-cloud-aws listener container runs: its handler threads,
 * concurrency permits, polling and acknowledgement. The numbers and why they are what they are live
 * here, apart from what happens to a message (that is {@link SqsEventConsumer}'s).
 *
 * <p>Throughput: {@code concurrency} messages of the queue handled at once, each on a virtual thread
 * of the queue's own ({@link SqsEventConsumer}: the listener is asynchronous, so a handler waiting
 * for a model holds a virtual thread and one of the queue's permits, never one of the container's
 * platform threads, and a priority queue never waits behind ordinary ones), and one more poll's
 * worth of messages ({@code maxMessagesPerPoll}, at
 * most ten) in flight, so that the next ReceiveMessage overlaps with the handling of the previous
 * batch instead of waiting for all of it; handled messages are deleted in batches (DeleteMessageBatch,
 * every {@value #ACKNOWLEDGEMENT_INTERVAL_MILLIS} ms or ten messages), which frees a message's
 * concurrency permit as soon as its handler returns. A message whose delete is lost (the process dies
 * in those 100 ms) comes back and is dropped by its idempotency claim. The measurements behind this
 * are in {@code bench/event-bus/README.md}.
 *
 * @param queueName the logical queue (thread and container names)
 * @param queueUrl the queue to consume
 * @param concurrency messages handled at once, 1 to 1,000
 * @param waitTimeSeconds long-polling wait per receive, 0 to 20
 * @param visibilityTimeoutSeconds the visibility timeout received messages get
 */
record SqsListenerSettings(
        String queueName, String queueUrl, int concurrency, int waitTimeSeconds, int visibilityTimeoutSeconds) {

    static final long ACKNOWLEDGEMENT_INTERVAL_MILLIS = 100;

    /** Also the most SQS deletes in one DeleteMessageBatch. */
    private static final int ACKNOWLEDGEMENT_THRESHOLD = 10;

    private static final Duration PARTIAL_BATCH_WAIT = Duration.ofMillis(100);

    private static final int COMPONENT_THREADS = 4;

    /**
     * The container's component threads (spring-cloud-aws 4.0 requires {@code MessageExecutionThread}s
     * there; the handlers themselves hop to virtual threads, see {@link SqsEventConsumer}). The queue is unbounded so that the pool never refuses a message: the
     * container would keep a refused message's permit for good (spring-cloud-aws 4.0.2 releases it only
     * when the message's processing future completes), and the consumer would stop polling once all
     * permits were lost that way. At most one poll's worth of messages waits here.
     */
    ThreadPoolTaskExecutor handlerThreads() {
        MessageExecutionThreadFactory threads = new MessageExecutionThreadFactory();
        threads.setThreadNamePrefix("sqs-" + queueName + "-");
        threads.setDaemon(true);
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        // They only invoke the asynchronous listener and carry acknowledgements: a few suffice.
        int componentThreads = Math.min(concurrency, COMPONENT_THREADS);
        executor.setCorePoolSize(componentThreads);
        executor.setMaxPoolSize(componentThreads);
        executor.setQueueCapacity(Integer.MAX_VALUE);
        executor.setAllowCoreThreadTimeOut(true);
        executor.setThreadFactory(threads);
        executor.initialize();
        return executor;
    }

    /**
     * A container that hands each message of the queue to {@code listener} on {@code handlerThreads}:
     * returning acknowledges (deletes) the message ({@link AcknowledgementMode#ON_SUCCESS}); throwing
     * hands it to {@code errorHandler}, whose future completing normally acknowledges it too and
     * completing exceptionally leaves it in the queue.
     */
    SqsMessageListenerContainer<String> container(
            SqsAsyncClient sqs,
            AsyncMessageListener<String> listener,
            AsyncErrorHandler<String> errorHandler,
            ThreadPoolTaskExecutor handlerThreads) {
        // The body is the EventBridge event as a String: no payload conversion, whatever type header a
        // sender put on the message.
        SqsMessagingMessageConverter converter = new SqsMessagingMessageConverter();
        converter.setPayloadTypeMapper(message -> null);
        int perPoll = Math.min(10, concurrency);
        return SqsMessageListenerContainer.<String>builder()
                .id("sqs-" + queueName)
                .sqsAsyncClient(sqs)
                .queueNames(queueUrl)
                .asyncMessageListener(listener)
                .errorHandler(errorHandler)
                .configure(options -> options
                        // Permits = messages in flight: those being handled plus one poll's worth, so the
                        // next receive overlaps with the handling of the last batch (with only
                        // `concurrency` permits each poll waited for the whole previous batch, receive
                        // latency included: 15 events/s through moto where a plain loop did 76).
                        .maxConcurrentMessages(concurrency + perPoll)
                        .maxMessagesPerPoll(perPoll)
                        .backPressureMode(BackPressureMode.AUTO)
                        .componentsTaskExecutor(handlerThreads)
                        // While some messages are in flight the container waits this long for a full
                        // batch of permits before polling for the free ones only (default 10 s, which
                        // would hold a new message back that long behind a busy handler).
                        .maxDelayBetweenPolls(PARTIAL_BATCH_WAIT)
                        .pollTimeout(Duration.ofSeconds(waitTimeSeconds))
                        .messageVisibility(Duration.ofSeconds(visibilityTimeoutSeconds))
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
}
