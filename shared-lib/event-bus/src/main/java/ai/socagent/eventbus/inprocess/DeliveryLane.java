package ai.socagent.eventbus.inprocess;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One queue's share of the in-process bus's delivery capacity: at most {@code concurrency}
 * deliveries of the queue run at once, each on a virtual thread, and up to {@code capacity} wait
 * in line (first in, first out). A handler that waits (for a model, for I/O) holds a virtual thread,
 * not a platform thread, so it holds back only its own queue: a slow agent never delays another
 * queue's deliveries. Beyond the line's capacity the publisher delivers itself (back-pressure;
 * nothing is dropped). Thread-safe.
 */
final class DeliveryLane {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryLane.class);

    private final String queue;
    private final int concurrency;
    private final BlockingQueue<Runnable> waiting;
    /** A permit per worker; a worker delivers from the line until it is empty. */
    private final Semaphore workers;

    private final AtomicInteger running = new AtomicInteger();
    private final ExecutorService threads;
    private volatile boolean closed;

    DeliveryLane(String queue, int concurrency, int capacity) {
        if (concurrency < 1 || capacity < 1) {
            throw new IllegalArgumentException("queue " + queue + ": concurrency and capacity must be positive, not "
                    + concurrency + " and " + capacity);
        }
        this.queue = queue;
        this.concurrency = concurrency;
        this.waiting = new LinkedBlockingQueue<>(capacity);
        this.workers = new Semaphore(concurrency);
        this.threads = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("event-bus-" + queue + "-", 1).factory());
    }

    /**
     * Runs {@code delivery} on one of the queue's workers, or in the caller when the line is full.
     *
     * @throws RejectedExecutionException the lane was shut down
     */
    void submit(Runnable delivery) {
        if (closed) {
            throw new RejectedExecutionException("the event bus is closed");
        }
        if (!waiting.offer(delivery)) {
            run(delivery);
            return;
        }
        // Any delivery in line is taken by a worker that holds a permit, or by the one started here:
        // a worker re-checks the line after giving its permit back, so none is left behind.
        if (workers.tryAcquire()) {
            try {
                threads.execute(this::work);
            } catch (RejectedExecutionException shutDown) {
                workers.release();
                // Shut down in between: refused, unless a worker still draining the line took it.
                if (waiting.remove(delivery)) {
                    throw shutDown;
                }
            }
        }
    }

    private void work() {
        while (true) {
            for (Runnable next; (next = waiting.poll()) != null; ) {
                run(next);
            }
            workers.release();
            if (waiting.isEmpty() || !workers.tryAcquire()) {
                return;
            }
        }
    }

    private void run(Runnable delivery) {
        running.incrementAndGet();
        try {
            delivery.run();
        } catch (RuntimeException | Error e) {
            // The delivery rules catch handler failures; this is the bus's own failure (its journal).
            LOG.error("A delivery of queue {} failed outside its handler", queue, e);
        } finally {
            running.decrementAndGet();
        }
    }

    String queue() {
        return queue;
    }

    int concurrency() {
        return concurrency;
    }

    /** Deliveries waiting in line. */
    int waiting() {
        return waiting.size();
    }

    /** Deliveries running now (workers and publishers delivering themselves). */
    int running() {
        return running.get();
    }

    /** Takes no more deliveries; what is in line is still delivered. */
    void shutdown() {
        closed = true;
        threads.shutdown();
    }

    /** Waits for the running and waiting deliveries, up to {@code timeout}. */
    boolean awaitTermination(Duration timeout) throws InterruptedException {
        return threads.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
