package ai.socagent.services.socapi.application.port.in;

import ai.socagent.services.socapi.domain.ThreatUpdate;
import java.util.function.Consumer;

/** A live view follows the threats' updates as their events are filed (the dashboard's stream). */
public interface FollowThreatUpdatesUseCase {

    /**
     * Hands every update from now on to {@code listener}, which must not block, until the returned
     * following is closed.
     */
    Following follow(Consumer<ThreatUpdate> listener);

    /** An open following; closing it twice is harmless. */
    interface Following extends AutoCloseable {
        @Override
        void close();
    }
}
