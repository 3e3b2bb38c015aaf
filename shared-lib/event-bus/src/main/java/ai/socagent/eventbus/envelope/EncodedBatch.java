package ai.socagent.eventbus.envelope;

import ai.socagent.domain.event.DomainEvent;
import ai.socagent.eventbus.EventTracing;
import ai.socagent.eventbus.TraceContext;
import ai.socagent.eventbus.UndeliverableEventException;
import ai.socagent.eventbus.UndeliverableEventException.Reason;
import java.util.ArrayList;
import java.util.List;

/**
 * Events on their way out of a publisher, whichever bus takes them: each has its producer span ({@link
 * EventTracing#startPublish}) and its envelope, encoded with that span's trace context and checked
 * against EventBridge's entry limit. The in-process bus and the EventBridge publisher both encode
 * through {@link #encode}, so the size check and the span bookkeeping exist once.
 *
 * <p>Not thread-safe: one publish call owns a batch.
 */
public final class EncodedBatch {

    /**
     * One encoded event.
     *
     * @param event the event
     * @param envelope what EventBridge takes for it
     * @param publication its producer span, carrying the trace context the envelope holds
     */
    public record Encoded(DomainEvent event, EventEnvelope envelope, EventTracing.Publication publication) {}

    private final List<Encoded> events;
    private int accepted;

    private EncodedBatch(List<Encoded> events) {
        this.events = events;
    }

    /**
     * Encodes {@code events}, each in a producer span of {@code tracing} to {@code destination}.
     *
     * @throws UndeliverableEventException with {@link Reason#TOO_LARGE} when an event exceeds {@link
     *     EventEnvelope#MAX_ENTRY_BYTES}; every span started so far is ended as failed, nothing is sent
     */
    public static EncodedBatch encode(
            List<? extends DomainEvent> events,
            TraceContext trace,
            EventCodec codec,
            EventTracing tracing,
            String system,
            String destination) {
        List<Encoded> encoded = new ArrayList<>(events.size());
        EncodedBatch batch = new EncodedBatch(encoded);
        try {
            for (DomainEvent event : events) {
                EventTracing.Publication publication = tracing.startPublish(system, destination, event, trace);
                // Added before the check so that a refused event's own span fails too.
                EventEnvelope envelope = codec.encode(event, publication.trace());
                encoded.add(new Encoded(event, envelope, publication));
                if (envelope.entrySize() > EventEnvelope.MAX_ENTRY_BYTES) {
                    throw new UndeliverableEventException(
                            Reason.TOO_LARGE,
                            event.detailType() + " " + event.eventId() + " is " + envelope.entrySize()
                                    + " bytes, EventBridge accepts " + EventEnvelope.MAX_ENTRY_BYTES);
                }
            }
        } catch (RuntimeException | Error e) {
            batch.fail(e);
            throw e;
        }
        return batch;
    }

    /** The events, in the order given. */
    public List<Encoded> events() {
        return events;
    }

    /** The next {@code count} events (in order) were accepted by the bus: their spans end. */
    public void accepted(int count) {
        for (int i = 0; i < count && accepted < events.size(); i++) {
            events.get(accepted++).publication().end();
        }
    }

    /** Every event still accepted by the bus. */
    public void acceptedAll() {
        accepted(events.size() - accepted);
    }

    /** Publishing failed: the spans of the events not accepted so far end with {@code failure}. */
    public void fail(Throwable failure) {
        for (int i = accepted; i < events.size(); i++) {
            events.get(i).publication().fail(failure);
        }
        accepted = events.size();
    }
}
