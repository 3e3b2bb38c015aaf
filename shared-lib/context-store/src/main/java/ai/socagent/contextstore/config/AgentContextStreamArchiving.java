package ai.socagent.contextstore.config;

import ai.socagent.contextstore.adapter.in.dynamodbstreams.AgentContextStreamArchiver;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import org.springframework.context.SmartLifecycle;

/**
 * The stream archiver of AgentContextTable as part of the context's lifecycle: made and started
 * when the context starts (after {@link ContextStoreProvisioning}, which may create the table whose
 * stream it reads), closed when it stops; never while the beans are made.
 */
public final class AgentContextStreamArchiving implements SmartLifecycle {

    /** After the provisioning, before the default phase. */
    public static final int PHASE = ContextStoreProvisioning.PHASE + 1;

    private final Supplier<AgentContextStreamArchiver> archivers;
    private final Duration pollInterval;
    private AgentContextStreamArchiver archiver;

    public AgentContextStreamArchiving(Supplier<AgentContextStreamArchiver> archivers, Duration pollInterval) {
        this.archivers = Objects.requireNonNull(archivers, "archivers");
        this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
    }

    @Override
    public synchronized void start() {
        if (archiver == null) {
            archiver = archivers.get();
            archiver.start(pollInterval);
        }
    }

    @Override
    public synchronized void stop() {
        if (archiver != null) {
            archiver.close();
            archiver = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return archiver != null;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
