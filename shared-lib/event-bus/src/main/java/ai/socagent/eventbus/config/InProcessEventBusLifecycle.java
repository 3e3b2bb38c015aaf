package ai.socagent.eventbus.config;

import ai.socagent.eventbus.inprocess.InProcessEventBus;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the in-process bus once the context is refreshed, that is once every service subscribed its
 * queues (they subscribe from {@code SmartInitializingSingleton}s): the deliveries the journal kept
 * from the last run are replayed then, and queues nobody subscribed to stop holding events. Stops it
 * before the context destroys the beans its handlers use.
 *
 * <p>Phase: before the web server starts (replay begins before new requests come in) and, on the way
 * down, after it stopped, so that a request still being served can publish.
 */
public final class InProcessEventBusLifecycle implements SmartLifecycle {

    /** Lower than the web server's phases ({@code DEFAULT_PHASE - 1024} and {@code - 2048}). */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    private final InProcessEventBus bus;

    public InProcessEventBusLifecycle(InProcessEventBus bus) {
        this.bus = bus;
    }

    @Override
    public void start() {
        bus.start();
    }

    @Override
    public void stop() {
        bus.stop();
    }

    @Override
    public boolean isRunning() {
        return bus.isRunning();
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
