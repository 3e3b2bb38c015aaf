package ai.socagent.eventbus.aws;

import java.time.Duration;
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
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Watches one SQS consumer for the stall spring-cloud-aws can fall into: if nothing was received and
 * no handler ran for the stall timeout while the queue has visible messages, the container stopped
 * polling (as it does when its concurrency permits are lost: it gives a message's permit back only when
 * the message's processing future completes). The watchdog logs an error and restarts the container,
 * which builds new permits, and counts it ({@link #stallsDetected()}).
 *
 * <p>The consumer reports every received message ({@link #received()}) and brackets every handler call
 * ({@link #handling()} / {@link #handled()}).
 */
final class StallWatchdog {

    private static final Logger LOG = LoggerFactory.getLogger(StallWatchdog.class);

    /** The container the watchdog restarts. */
    interface Container {
        void stop();

        void start();
    }

    private final String queueName;
    private final String queueUrl;
    private final SqsAsyncClient sqs;
    private final Duration stallTimeout;
    private final Container container;
    private final AtomicLong received = new AtomicLong();
    private final AtomicInteger handling = new AtomicInteger();
    private final AtomicInteger stalls = new AtomicInteger();
    private final AtomicBoolean restarting = new AtomicBoolean();
    private final Object lock = new Object();
    private ScheduledFuture<?> check;
    private volatile boolean watching;
    private volatile long receivedAtLastCheck = -1;
    private volatile long quietSinceNanos;

    /** @param stallTimeout {@link Duration#ZERO}: never watch */
    StallWatchdog(String queueName, String queueUrl, SqsAsyncClient sqs, Duration stallTimeout, Container container) {
        this.queueName = queueName;
        this.queueUrl = queueUrl;
        this.sqs = sqs;
        this.stallTimeout = stallTimeout;
        this.container = container;
    }

    void received() {
        received.incrementAndGet();
    }

    void handling() {
        handling.incrementAndGet();
    }

    void handled() {
        handling.decrementAndGet();
    }

    int stallsDetected() {
        return stalls.get();
    }

    /** Checks every quarter of the stall timeout from now on (the consumer is started). */
    void start() {
        watching = true;
        if (stallTimeout.isZero()) {
            return;
        }
        synchronized (lock) {
            if (check != null) {
                return;
            }
            receivedAtLastCheck = -1;
            long period = Math.max(100, stallTimeout.toMillis() / 4);
            check = Checks.SCHEDULER.scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
        }
    }

    /** No more checks (the consumer is stopped). */
    void stop() {
        watching = false;
        synchronized (lock) {
            if (check != null) {
                check.cancel(false);
                check = null;
            }
        }
    }

    /** One check: quiet for the stall timeout while messages are visible means stalled. */
    void check() {
        try {
            if (restarting.get() || !watching) {
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
                    queueName,
                    visible,
                    quiet.toSeconds());
            restart();
        } catch (RuntimeException e) {
            LOG.warn("Stall check of the SQS consumer of queue {} failed: {}", queueName, e.toString());
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
        Thread.ofPlatform().name("sqs-" + queueName + "-restart").daemon().start(() -> {
            try {
                container.stop();
                if (watching) {
                    container.start();
                }
                quietSinceNanos = System.nanoTime();
                LOG.warn("SQS consumer of queue {} restarted", queueName);
            } catch (RuntimeException e) {
                LOG.error("Restarting the SQS consumer of queue {} failed", queueName, e);
            } finally {
                restarting.set(false);
            }
        });
    }

    /** One daemon thread for the stall checks of all consumers. */
    private static final class Checks {
        static final ScheduledExecutorService SCHEDULER = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("sqs-consumer-watchdog").daemon().factory());
    }
}
