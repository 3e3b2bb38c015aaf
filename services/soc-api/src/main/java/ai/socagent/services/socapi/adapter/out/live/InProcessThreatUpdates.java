package ai.socagent.services.socapi.adapter.out.live;

import ai.socagent.services.socapi.application.port.out.ThreatUpdatesPort;
import ai.socagent.services.socapi.domain.ThreatUpdate;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Threat updates handed to this instance's live views. Each update reaches the views connected to
 * the instance that filed its event: one instance in the standalone mode; in the aws mode every
 * instance consumes the audit-trail queue, so a view sees the updates its own instance files (the
 * dashboard also re-reads the list on a slow timer, which covers the others: see docs/api.md).
 */
public final class InProcessThreatUpdates implements ThreatUpdatesPort {

    private static final Logger LOG = LoggerFactory.getLogger(InProcessThreatUpdates.class);

    private final CopyOnWriteArrayList<Consumer<ThreatUpdate>> listeners = new CopyOnWriteArrayList<>();

    @Override
    public void publish(ThreatUpdate update) {
        for (Consumer<ThreatUpdate> listener : listeners) {
            try {
                listener.accept(update);
            } catch (RuntimeException e) {
                // one broken view must not fail the delivery that filed the event, nor the others
                LOG.warn("a live view refused threat update {}: {}", update.eventId(), e.toString());
            }
        }
    }

    @Override
    public Runnable subscribe(Consumer<ThreatUpdate> listener) {
        Objects.requireNonNull(listener, "listener");
        // a wrapper of its own, so that the same listener subscribed twice is removed once per subscription
        Consumer<ThreatUpdate> subscription = listener::accept;
        listeners.add(subscription);
        return () -> listeners.remove(subscription);
    }
}
