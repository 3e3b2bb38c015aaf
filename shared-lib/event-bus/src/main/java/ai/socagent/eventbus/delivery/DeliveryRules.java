package ai.socagent.eventbus.delivery;

import ai.socagent.eventbus.EventHandler;
import ai.socagent.eventbus.EventMdc;
import ai.socagent.eventbus.EventTracing;
import ai.socagent.eventbus.IdempotencyStore;
import ai.socagent.eventbus.InboundEvent;
import ai.socagent.eventbus.RetryPolicy;
import ai.socagent.eventbus.UndeliverableEventException;
import ai.socagent.eventbus.envelope.EventCodec;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to one delivery of an event to a queue's handler, on every bus: decode the EventBridge
 * event, claim its id in the {@link IdempotencyStore}, call the handler (in its consumer span, the
 * event's keys in the MDC: {@link EventMdc}), release the claim if the handler failed, and decide
 * between a retry after the {@link RetryPolicy} backoff and the dead-letter queue once the queue's
 * {@code maxReceiveCount} deliveries are spent. An event no handler can read goes to the dead-letter
 * queue at once.
 *
 * <p>The rules decide; the bus carries the decision out ({@link Outcome}): the in-process bus
 * schedules the retry and keeps the dead letter in its journal, the SQS consumer changes the message's
 * visibility timeout or moves it to the dead-letter queue. So both buses behave alike by construction,
 * and {@code EventBusContract} checks it.
 *
 * <p>Thread-safe; one instance serves any number of queues.
 */
public final class DeliveryRules {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryRules.class);

    /** Reason prefix of a dead letter whose handler kept throwing. */
    public static final String HANDLER_FAILED = "HANDLER_FAILED";

    /** Reason prefix of a dead letter that failed outside the handler (the idempotency store, say). */
    public static final String CONSUMER_FAILED = "CONSUMER_FAILED";

    private final EventCodec codec;
    private final IdempotencyStore idempotency;
    private final EventTracing tracing;
    private final String system;
    private final RetryPolicy retry;
    private final Duration idempotencyTtl;
    private final Duration claimLease;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    private DeliveryRules(
            EventCodec codec,
            IdempotencyStore idempotency,
            EventTracing tracing,
            String system,
            RetryPolicy retry,
            Duration idempotencyTtl,
            Duration claimLease) {
        this.codec = codec;
        this.idempotency = idempotency;
        this.tracing = tracing;
        this.system = system;
        this.retry = retry;
        this.idempotencyTtl = idempotencyTtl;
        this.claimLease = claimLease;
    }

    /**
     * @param system {@code messaging.system} of the consumer spans ({@link EventTracing#IN_PROCESS},
     *     {@link EventTracing#AWS_SQS})
     * @param idempotencyTtl how long a handled event id is remembered
     * @param claimLease how long a claim holds while its handler runs: the queue's visibility timeout
     *     on SQS, so that when a consumer died mid-handler the redelivered message finds the lease run
     *     out and is handled
     */
    public static DeliveryRules create(
            EventCodec codec,
            IdempotencyStore idempotency,
            EventTracing tracing,
            String system,
            RetryPolicy retry,
            Duration idempotencyTtl,
            Duration claimLease) {
        return new DeliveryRules(codec, idempotency, tracing, system, retry, idempotencyTtl, claimLease);
    }

    /** What the bus does with a delivery once the rules ran. */
    public sealed interface Outcome {

        /** The handler took the event: acknowledge the delivery. */
        record Handled(InboundEvent event) implements Outcome {}

        /** The event id was handled already (or this very delivery runs now): acknowledge without effect. */
        record Duplicate(InboundEvent event) implements Outcome {}

        /** The delivery failed and has attempts left: deliver again after {@code backoff}. */
        record Retry(Duration backoff, Throwable failure) implements Outcome {}

        /**
         * Put the event in the queue's dead-letter queue with {@code reason}.
         *
         * @param handlerCalls how many times the handler was called for it (0: undeliverable)
         */
        record DeadLetter(String reason, int handlerCalls) implements Outcome {}
    }

    /**
     * Runs delivery number {@code attempt} (1-based) of an event to {@code handler}.
     *
     * @param queue the logical queue (or topic): the claim's consumer and the span's destination
     * @param eventJson the EventBridge event as delivered
     * @param decoded the event, when the bus already has it (its own events); null to decode {@code
     *     eventJson}
     * @param maxAttempts the queue's {@code maxReceiveCount}
     */
    public Outcome deliver(
            String queue, String eventJson, InboundEvent decoded, int attempt, int maxAttempts, EventHandler handler) {
        InboundEvent event;
        try {
            event = decoded != null ? decoded : codec.decode(eventJson);
        } catch (UndeliverableEventException e) {
            return new Outcome.DeadLetter(e.getMessage(), 0);
        }
        // The same event delivered twice at once to one queue must not race itself to the idempotency
        // store: the first copy is handled, the second acknowledged (the first stays undelivered until
        // it is handled, so nothing is lost if it fails). Per queue: one event goes to several.
        String key = queue + '\u0000' + event.deduplicationId();
        if (!inFlight.add(key)) {
            return new Outcome.Duplicate(event);
        }
        try {
            return claimAndHandle(queue, event, attempt, maxAttempts, handler);
        } finally {
            inFlight.remove(key);
        }
    }

    /**
     * The outcome of delivery {@code attempt} failing with {@code failure} outside the rules (the bus's
     * own machinery): a retry, or the dead-letter queue once the attempts are spent.
     */
    public Outcome failed(int attempt, int maxAttempts, String kind, Throwable failure) {
        if (attempt >= maxAttempts) {
            return new Outcome.DeadLetter(kind + " after " + attempt + " attempts: " + failure, attempt);
        }
        return new Outcome.Retry(retry.backoff(attempt), failure);
    }

    private Outcome claimAndHandle(
            String queue, InboundEvent event, int attempt, int maxAttempts, EventHandler handler) {
        String id = event.deduplicationId();
        IdempotencyStore.Claim claim;
        try {
            claim = idempotency.claim(queue, id, claimLease);
        } catch (RuntimeException e) {
            return failed(attempt, maxAttempts, CONSUMER_FAILED, e);
        }
        switch (claim) {
            case HANDLED -> {
                return new Outcome.Duplicate(event);
            }
            case IN_PROGRESS -> {
                // Another delivery's lease holds: it runs, or it died and the lease runs out. Come
                // back once it has, never acknowledge: that would lose the event if the holder died.
                return new Outcome.Retry(
                        claimLease,
                        new IllegalStateException("event " + id + " is being handled by another delivery to " + queue));
            }
            case CLAIMED -> {
                // handled below
            }
        }
        try {
            EventMdc.handle(tracing, system, queue, handler, event);
        } catch (Exception | AssertionError e) {
            try {
                idempotency.release(queue, id);
            } catch (RuntimeException releaseFailed) {
                // The claim stays until its TTL: a redelivery is then dropped as a duplicate. Nothing
                // better can be done here; the failure is the handler's, so that is what is reported.
                e.addSuppressed(releaseFailed);
            }
            return failed(attempt, maxAttempts, HANDLER_FAILED, e);
        }
        try {
            idempotency.complete(queue, id, idempotencyTtl);
        } catch (RuntimeException completeFailed) {
            // The effects are there; the claim stays a lease, so a redelivery after it runs out is
            // handled again (at least once) rather than lost.
            LOG.warn("Could not complete the claim of {} on {}: {}", id, queue, completeFailed.toString());
        }
        return new Outcome.Handled(event);
    }
}
