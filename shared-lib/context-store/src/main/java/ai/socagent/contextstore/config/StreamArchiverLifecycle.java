package ai.socagent.contextstore.config;

import ai.socagent.contextstore.adapter.in.dynamodbstreams.AgentContextStreamArchiver;
import java.time.Duration;
import java.util.Objects;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the stream archiver's polling when the context has refreshed and stops it when the context
 * closes, before the archiver bean itself closes (and gives its leases back): creating the
 * archiver bean polls nothing.
 */
final class StreamArchiverLifecycle implements SmartLifecycle {

    private final AgentContextStreamArchiver archiver;
    private final Duration pollInterval;

    StreamArchiverLifecycle(AgentContextStreamArchiver archiver, Duration pollInterval) {
        this.archiver = Objects.requireNonNull(archiver, "archiver");
        this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
    }

    @Override
    public void start() {
        archiver.start(pollInterval);
    }

    @Override
    public void stop() {
        archiver.stop();
    }

    @Override
    public boolean isRunning() {
        return archiver.isPolling();
    }
}
