package ai.socagent.services.socapi.application.port.out;

import ai.socagent.services.socapi.domain.ThreatUpdate;
import java.util.function.Consumer;

/**
 * Where threat updates go once their event is filed, and where live views listen for them. An
 * implementation never blocks {@link #publish} on a listener (the caller is a bus delivery) and never
 * throws from it: a live view that misses an update reads the threat again when it reconnects.
 */
public interface ThreatUpdatesPort {

    void publish(ThreatUpdate update);

    /**
     * Calls {@code listener} with every update published from now on, until the returned action runs.
     * {@code listener} must not block (hand the update to a queue of its own).
     */
    Runnable subscribe(Consumer<ThreatUpdate> listener);
}
