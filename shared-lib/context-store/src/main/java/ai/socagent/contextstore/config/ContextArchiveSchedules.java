package ai.socagent.contextstore.config;

import ai.socagent.contextstore.ContextArchive;
import ai.socagent.contextstore.ContextStore;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link ContextStore#purgeExpired} every interval on a daemon thread: in the standalone mode
 * expired entries are archived to the local directory and then removed. A failed purge is logged;
 * what it could not archive stays in the store for the next one.
 */
public final class ContextArchiveSchedules implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ContextArchiveSchedules.class.getName());

    private final ScheduledExecutorService scheduler;

    private ContextArchiveSchedules(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    /** @param interval zero or negative: never (the returned schedule does nothing) */
    public static ContextArchiveSchedules purgeEvery(Duration interval, ContextStore store, ContextArchive archive) {
        if (interval.isZero() || interval.isNegative()) {
            return new ContextArchiveSchedules(null);
        }
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "context-store-purge");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(
                () -> {
                    try {
                        int purged = store.purgeExpired(archive);
                        if (purged > 0) {
                            LOG.log(Level.INFO, "archived and removed {0} expired context entries", purged);
                        }
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "purging expired context entries failed; retrying next time", e);
                    }
                },
                interval.toMillis(),
                interval.toMillis(),
                TimeUnit.MILLISECONDS);
        return new ContextArchiveSchedules(scheduler);
    }

    public boolean active() {
        return scheduler != null;
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
