package ai.socagent.eventbus.aws;

import ai.socagent.domain.event.DomainEvent;
import ai.socagent.eventbus.EventPublisher;
import ai.socagent.eventbus.EventTracing;
import ai.socagent.eventbus.RetryPolicy;
import ai.socagent.eventbus.TraceContext;
import ai.socagent.eventbus.envelope.EncodedBatch;
import ai.socagent.eventbus.envelope.EventCodec;
import ai.socagent.eventbus.envelope.EventEnvelope;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * Publishes pipeline events with EventBridge PutEvents.
 *
 * <p>Events go in batches of at most {@value #MAX_BATCH_ENTRIES} entries and {@link
 * EventEnvelope#MAX_ENTRY_BYTES} bytes (EventBridge's limits). An event larger than that on its own
 * is refused before anything is sent. PutEvents is not all-or-nothing: the entries it reports failed
 * ({@code FailedEntryCount}, an {@code ErrorCode} per entry) are sent again with backoff, and if some
 * still fail after the last attempt the call throws {@link PublishFailedException} naming them.
 *
 * <p>Each event gets a producer span ({@link EventTracing}, {@code messaging.system} {@value
 * EventTracing#AWS_EVENTBRIDGE}, destination the bus), ended once PutEvents accepted its batch, and
 * travels with that span's trace context, so its consumers' spans are children of it.
 */
public final class EventBridgePublisher implements EventPublisher {

    /** EventBridge: at most ten entries per PutEvents request. */
    public static final int MAX_BATCH_ENTRIES = 10;

    private final Function<List<PutEventsRequestEntry>, PutEventsResponse> putEvents;
    private final String busName;
    private final EventCodec codec;
    private final int maxAttempts;
    private final RetryPolicy retry;
    private final Sleeper sleeper;
    private final EventTracing tracing;

    /** Waits between attempts; a seam so tests need not wait. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    EventBridgePublisher(
            Function<List<PutEventsRequestEntry>, PutEventsResponse> putEvents,
            String busName,
            EventCodec codec,
            int maxAttempts,
            RetryPolicy retry,
            Sleeper sleeper) {
        this(putEvents, busName, codec, maxAttempts, retry, sleeper, EventTracing.noop());
    }

    EventBridgePublisher(
            Function<List<PutEventsRequestEntry>, PutEventsResponse> putEvents,
            String busName,
            EventCodec codec,
            int maxAttempts,
            RetryPolicy retry,
            Sleeper sleeper,
            EventTracing tracing) {
        this.putEvents = putEvents;
        this.busName = busName;
        this.codec = codec;
        this.maxAttempts = maxAttempts;
        this.retry = retry;
        this.sleeper = sleeper;
        this.tracing = tracing;
    }

    /** A publisher to {@code busName}, with four attempts per entry and the default backoff; no spans. */
    public static EventBridgePublisher create(EventBridgeClient client, String busName, EventCodec codec) {
        return create(client, busName, codec, OpenTelemetry.noop());
    }

    /**
     * A publisher to {@code busName}, with four attempts per entry and the default backoff, recording
     * a producer span per event with {@code openTelemetry}.
     */
    public static EventBridgePublisher create(
            EventBridgeClient client, String busName, EventCodec codec, OpenTelemetry openTelemetry) {
        return new EventBridgePublisher(
                entries -> client.putEvents(b -> b.entries(entries)),
                busName,
                codec,
                4,
                RetryPolicy.defaults(),
                duration -> Thread.sleep(duration),
                EventTracing.create(openTelemetry));
    }

    @Override
    public void publish(List<? extends DomainEvent> events, TraceContext trace) {
        EncodedBatch encoded =
                EncodedBatch.encode(events, trace, codec, tracing, EventTracing.AWS_EVENTBRIDGE, busName);
        try {
            List<Sized> entries = new ArrayList<>(events.size());
            for (EncodedBatch.Encoded event : encoded.events()) {
                EventEnvelope envelope = event.envelope();
                entries.add(new Sized(
                        PutEventsRequestEntry.builder()
                                .eventBusName(busName)
                                .source(envelope.source())
                                .detailType(envelope.detailType())
                                .detail(envelope.detail())
                                .time(envelope.time())
                                .build(),
                        envelope.entrySize()));
            }
            for (List<PutEventsRequestEntry> batch : batches(entries)) {
                send(batch);
                // Batches keep the order of the events: these are the next publications.
                encoded.accepted(batch.size());
            }
        } catch (RuntimeException | Error e) {
            encoded.fail(e);
            throw e;
        }
    }

    /** Splits entries into PutEvents requests: at most ten entries and 256 KB each, order kept. */
    static List<List<PutEventsRequestEntry>> batches(List<Sized> entries) {
        List<List<PutEventsRequestEntry>> batches = new ArrayList<>();
        List<PutEventsRequestEntry> current = new ArrayList<>();
        int bytes = 0;
        for (Sized entry : entries) {
            if (current.size() == MAX_BATCH_ENTRIES || bytes + entry.size() > EventEnvelope.MAX_ENTRY_BYTES) {
                batches.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(entry.entry());
            bytes += entry.size();
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches;
    }

    private void send(List<PutEventsRequestEntry> batch) {
        List<PutEventsRequestEntry> pending = batch;
        List<String> errors = List.of();
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            PutEventsResponse response = putEvents.apply(pending);
            if (response.failedEntryCount() == null || response.failedEntryCount() == 0) {
                return;
            }
            // Result entries are in request order; a failed one carries an error code.
            List<PutEventsRequestEntry> failed = new ArrayList<>();
            List<String> failedErrors = new ArrayList<>();
            for (int i = 0; i < pending.size(); i++) {
                PutEventsResultEntry result = response.entries().get(i);
                if (result.errorCode() != null) {
                    failed.add(pending.get(i));
                    failedErrors.add(
                            pending.get(i).detailType() + ": " + result.errorCode() + " " + result.errorMessage());
                }
            }
            pending = failed;
            errors = failedErrors;
            if (attempt < maxAttempts) {
                try {
                    sleeper.sleep(retry.backoff(attempt));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        throw new PublishFailedException(pending.size() + " of " + batch.size() + " events not accepted after "
                + maxAttempts + " attempts: " + errors);
    }

    /** An entry and the size EventBridge counts for it. */
    record Sized(PutEventsRequestEntry entry, int size) {}
}
