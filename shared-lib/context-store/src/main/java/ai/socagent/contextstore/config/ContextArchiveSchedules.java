package ai.socagent.contextstore.config;

import ai.socagent.contextstore.ContextArchive;
import ai.socagent.contextstore.ContextStore;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;

/**
 * Runs {@link ContextStore#purgeExpired} every interval on a daemon thread: in the standalone mode
 * expired entries are archived to the local directory and then removed. A failed purge is logged;
 * what it could not archive stays in the store for the next one.
 *
 * <p>A {@link SmartLifecycle}: creating it schedules nothing; the thread exists between {@link
 * #start()} (the context's refresh) and {@link #stop()} (its close, before the store closes).
 */
public final class ContextArchiveSchedules implements SmartLifecycle, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ContextArchiveSchedules.class.getName());

    private final Duration interval;
    private final ContextStore store;
    private final ContextArchive archive;
    private ScheduledExecutorService scheduler;

    private ContextArchiveSchedules(Duration interval, ContextStore store, ContextArchive archive) {
        this.interval = Objects.requireNonNull(interval, "interval");
        this.store = Objects.requireNonNull(store, "store");
        this.archive = Objects.requireNonNull(archive, "archive");
    }

    /**
     * A purge every {@code interval} once started.
     *
     * @param interval zero or negative: never (starting it schedules nothing)
     */
    public static ContextArchiveSchedules purgeEvery(Duration interval, ContextStore store, ContextArchive archive) {
        return new ContextArchiveSchedules(interval, store, archive);
    }

    /** True when a purge is configured (a positive interval). */
    public boolean active() {
        return !interval.isZero() && !interval.isNegative();
    }

    @Override
    public synchronized void start() {
        if (scheduler != null || !active()) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "context-store-purge");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::purge, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void purge() {
        try {
            int purged = store.purgeExpired(archive);
            if (purged > 0) {
                LOG.log(Level.INFO, "archived and removed {0} expired context entries", purged);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "purging expired context entries failed; retrying next time", e);
        }
    }

    @Override
    public void stop() {
        ScheduledExecutorService running;
        synchronized (this) {
            running = scheduler;
            scheduler = null;
        }
        if (running != null) {
            running.shutdownNow();
            try {
                // a purge in flight finishes before the store it purges is closed
                running.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }

    @Override
    public void close() {
        stop();
    }
}
