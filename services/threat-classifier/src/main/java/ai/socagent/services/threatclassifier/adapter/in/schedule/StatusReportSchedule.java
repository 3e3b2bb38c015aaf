package ai.socagent.services.threatclassifier.adapter.in.schedule;

import ai.socagent.services.threatclassifier.application.port.in.ReportAgentStatusUseCase;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Reports the classifier's status every {@code every} while the application runs, the first report
 * at start. A report that fails is logged (once per run of failures) and the next one is made on
 * time: the status's age tells readers an instance that cannot report.
 */
public final class StatusReportSchedule implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(StatusReportSchedule.class);

    private final ReportAgentStatusUseCase reports;
    private final Duration every;
    private ScheduledExecutorService executor;
    private volatile boolean failing;

    public StatusReportSchedule(ReportAgentStatusUseCase reports, Duration every) {
        this.reports = Objects.requireNonNull(reports, "reports");
        this.every = Objects.requireNonNull(every, "every");
        if (every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("the report interval must be positive, not " + every);
        }
    }

    @Override
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("agent-status-report").factory());
        executor.scheduleAtFixedRate(this::reportOnce, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void reportOnce() {
        try {
            reports.report();
            if (failing) {
                LOG.info("Agent status reports are kept again");
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.warn("Reporting the agent status failed (retried every {})", every, e);
                failing = true;
            }
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdown(); // a report under way completes, the store is still open
            try {
                if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                    executor.shutdownNow();
                }
            } catch (InterruptedException e) {
                executor.shutdownNow();
                Thread.currentThread().interrupt();
            }
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
