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
        Runnable unsubscribe = updates.subscribe(Objects.requireNonNull(listener, "listener"));
        AtomicBoolean open = new AtomicBoolean(true);
        return () -> {
            if (open.compareAndSet(true, false)) {
                unsubscribe.run();
            }
        };
    }
}
