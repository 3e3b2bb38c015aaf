package ai.socagent.services.socapi.application;

import ai.socagent.services.socapi.application.port.in.FollowThreatUpdatesUseCase;
import ai.socagent.services.socapi.application.port.out.ThreatUpdatesPort;
import ai.socagent.services.socapi.domain.ThreatUpdate;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/** Live views follow the updates {@link AuditTrailService} publishes. */
public final class ThreatUpdatesService implements FollowThreatUpdatesUseCase {

    private final ThreatUpdatesPort updates;

    public ThreatUpdatesService(ThreatUpdatesPort updates) {
        this.updates = Objects.requireNonNull(updates, "updates");
    }

    @Override
    public Following follow(Consumer<ThreatUpdate> listener) {
        return new Subscription(updates.subscribe(Objects.requireNonNull(listener, "listener")));
    }

    /** One following: unsubscribes once, however often it is closed. */
    private static final class Subscription implements Following {
        private final Runnable unsubscribe;
        private final AtomicBoolean open = new AtomicBoolean(true);

        private Subscription(Runnable unsubscribe) {
            this.unsubscribe = unsubscribe;
        }

        @Override
        public void close() {
            if (open.compareAndSet(true, false)) {
                unsubscribe.run();
            }
        }
    }
}
