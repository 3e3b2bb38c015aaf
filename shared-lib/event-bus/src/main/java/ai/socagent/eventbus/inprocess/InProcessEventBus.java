package ai.socagent.eventbus.inprocess;

import ai.socagent.domain.event.DomainEvent;
import ai.socagent.eventbus.EventHandler;
import ai.socagent.eventbus.EventMdc;
import ai.socagent.eventbus.EventPublisher;
import ai.socagent.eventbus.EventTracing;
import ai.socagent.eventbus.IdempotencyStore;
import ai.socagent.eventbus.InboundEvent;
import ai.socagent.eventbus.RetryPolicy;
import ai.socagent.eventbus.TraceContext;
import ai.socagent.eventbus.UndeliverableEventException;
import ai.socagent.eventbus.UndeliverableEventException.Reason;
import ai.socagent.eventbus.envelope.EventCodec;
import ai.socagent.eventbus.envelope.EventEnvelope;
import ai.socagent.eventbus.routing.EventRouter;
import ai.socagent.eventbus.routing.QueueDefinition;
import ai.socagent.eventbus.routing.RoutingDefinition;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The event bus of the standalone mode: the rules of the routing definition, matched with
 * event-ruler, deliver each event to the handler subscribed to each target queue (or topic), on a
 * bounded pool of threads.
 *
 * <p>What the cloud does, this does in memory: a handler that throws gets the event again after a
 * backoff, up to the queue's {@code maxReceiveCount}, and then the event goes to the queue's
 * dead-letter queue with the reason ({@link #deadLetters(String)}); an event no handler can read
 * (unknown detail-type, unsupported schema version) goes there at once. A handler sees each event id
 * once (an {@link IdempotencyStore} claim precedes it, released if it fails). Events routed to a queue
 * nobody has subscribed to yet wait for the subscriber. Queues marked {@code priority} (the emergency
 * path) have their own threads, so they never wait behind the rest.
 *
 * <p>Tracing ({@link EventTracing}, {@code messaging.system} {@value EventTracing#IN_PROCESS}): each
 * published event gets a producer span (destination the bus) whose trace context it carries, and each
 * handler call a consumer span (destination the queue), child of it and current while the handler runs.
 */
public final class InProcessEventBus implements EventPublisher, AutoCloseable {

    /** The account and region the in-process bus writes into its events. */
    public static final String ACCOUNT = "000000000000";

    public static final String REGION = "local";

    private static final String HANDLER_FAILED = "HANDLER_FAILED";

    private final RoutingDefinition definition;
    private final EventRouter router;
    private final EventCodec codec;
    private final IdempotencyStore idempotency;
    private final Options options;
    private final Clock clock;
    private final EventTracing tracing;
    private final ThreadPoolExecutor workers;
    private final ThreadPoolExecutor priorityWorkers;
    private final ScheduledExecutorService retries;
    private final Map<String, EventHandler> handlers = new ConcurrentHashMap<>();
    private final Map<String, Queue<Delivery>> waiting = new ConcurrentHashMap<>();
    private final Map<String, Queue<DeadLetter>> deadLetters = new ConcurrentHashMap<>();
    private final Set<String> priorityQueues;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();

    /**
     * Tuning of the bus.
     *
     * @param threads delivery threads of the ordinary queues
     * @param priorityThreads delivery threads of the priority queues
     * @param capacity deliveries that may wait for a thread; publishers run the delivery themselves
     *     beyond that (back-pressure, nothing dropped)
     * @param retry backoff between deliveries of a failing event
     * @param idempotencyTtl how long an event id is remembered
     */
    public record Options(int threads, int priorityThreads, int capacity, RetryPolicy retry, Duration idempotencyTtl) {

        public static Options defaults() {
            int cores = Runtime.getRuntime().availableProcessors();
            return new Options(Math.max(2, cores), 2, 10_000, RetryPolicy.defaults(), Duration.ofHours(24));
        }

        public Options withRetry(RetryPolicy value) {
            return new Options(threads, priorityThreads, capacity, value, idempotencyTtl);
        }
    }

    private InProcessEventBus(
            RoutingDefinition definition,
            EventCodec codec,
            IdempotencyStore idempotency,
            Options options,
            Clock clock,
            EventTracing tracing) {
        this.definition = definition;
        this.tracing = tracing;
        this.router = EventRouter.create(definition);
        this.priorityQueues = definition.queues().stream()
                .filter(QueueDefinition::priority)
                .map(QueueDefinition::name)
                .collect(Collectors.toUnmodifiableSet());
        this.codec = codec;
        this.idempotency = idempotency;
        this.options = options;
        this.clock = clock;
        this.workers = pool("event-bus", options.threads(), options.capacity());
        this.priorityWorkers = pool("event-bus-priority", options.priorityThreads(), options.capacity());
        this.retries = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("event-bus-retry").daemon(true).factory());
    }

    /** A bus that records no spans. */
    public static InProcessEventBus create(
            RoutingDefinition definition, EventCodec codec, IdempotencyStore idempotency, Options options) {
        return create(definition, codec, idempotency, options, OpenTelemetry.noop());
    }

    /** A bus that records producer and consumer spans with {@code openTelemetry}. */
    public static InProcessEventBus create(
            RoutingDefinition definition,
            EventCodec codec,
            IdempotencyStore idempotency,
            Options options,
            OpenTelemetry openTelemetry) {
        return new InProcessEventBus(
                definition, codec, idempotency, options, Clock.systemUTC(), EventTracing.create(openTelemetry));
    }

    /**
     * Subscribes {@code handler} to the queue or topic called {@code target} (one handler per
     * target: a queue belongs to one consuming service). Events that waited for it are delivered now.
     */
    public void subscribe(String target, EventHandler handler) {
        if (definition.queue(target).isEmpty() && definition.topic(target).isEmpty()) {
            throw new IllegalArgumentException("'" + target + "' is no queue or topic of the routing definition");
        }
        if (handlers.putIfAbsent(target, handler) != null) {
            throw new IllegalStateException("'" + target + "' already has a handler");
        }
        Queue<Delivery> backlog = waiting.remove(target);
        if (backlog != null) {
            for (Delivery event; (event = backlog.poll()) != null; ) {
                dispatch(target, event, 1);
            }
        }
    }

    /**
     * Publishes {@code events}: every one is encoded and checked first, so an event too large for
     * EventBridge fails the call before anything is delivered.
     */
    @Override
    public void publish(List<? extends DomainEvent> events, TraceContext trace) {
        List<EventTracing.Publication> publications = new ArrayList<>(events.size());
        try {
            List<Delivery> encoded = new ArrayList<>(events.size());
            for (DomainEvent event : events) {
                EventTracing.Publication publication = tracing.startPublish(
                        EventTracing.IN_PROCESS, definition.bus().name(), event, trace);
                publications.add(publication);
                EventEnvelope envelope = codec.encode(event, publication.trace());
                if (envelope.entrySize() > EventEnvelope.MAX_ENTRY_BYTES) {
                    throw new UndeliverableEventException(
                            Reason.TOO_LARGE,
                            event.detailType() + " " + event.eventId() + " is " + envelope.entrySize()
                                    + " bytes, EventBridge accepts " + EventEnvelope.MAX_ENTRY_BYTES);
                }
                String json = codec.toEventBridgeEvent(envelope, event.eventId(), ACCOUNT, REGION);
                // The bus's own events need no decoding: the record is immutable and the codec's round
                // trip is tested; the JSON is what routing and dead letters see.
                encoded.add(new Delivery(
                        json,
                        new InboundEvent.PipelineEvent(event, publication.trace()),
                        router.targets(envelope.source(), envelope.detailType(), json)));
            }
            encoded.forEach(this::route);
        } catch (RuntimeException | Error e) {
            publications.forEach(publication -> publication.fail(e));
            throw e;
        }
        publications.forEach(EventTracing.Publication::end);
    }

    /**
     * Publishes an event that is already an EventBridge event (e.g. a GuardDuty finding event the
     * standalone mode ingests), routed like any other.
     *
     * @return the queues and topics it went to
     */
    public Set<String> publishEvent(String eventBridgeEventJson) {
        Delivery delivery = new Delivery(eventBridgeEventJson, null, router.targets(eventBridgeEventJson));
        route(delivery);
        return delivery.targets();
    }

    /** Events dead-lettered from {@code queue}, oldest first. */
    public List<DeadLetter> deadLetters(String queue) {
        return List.copyOf(deadLetters.getOrDefault(queue, new ConcurrentLinkedQueue<>()));
    }

    /**
     * Takes the dead letters of {@code queue} that {@code which} selects out of its dead-letter queue
     * and delivers each to {@code queue} again, as a new delivery (attempt 1). Each dead letter is
     * taken once, however many callers race.
     *
     * @return the dead letters redriven
     */
    public List<DeadLetter> redrive(String queue, Predicate<DeadLetter> which) {
        Queue<DeadLetter> letters = deadLetters.get(queue);
        if (letters == null) {
            return List.of();
        }
        List<DeadLetter> taken = new ArrayList<>();
        for (DeadLetter letter : List.copyOf(letters)) {
            if (which.test(letter) && letters.remove(letter)) {
                taken.add(letter);
            }
        }
        for (DeadLetter letter : taken) {
            Delivery delivery = new Delivery(letter.eventJson(), null, Set.of(queue));
            if (handlers.containsKey(queue)) {
                dispatch(queue, delivery, 1);
            } else {
                waiting.computeIfAbsent(queue, t -> new ConcurrentLinkedQueue<>())
                        .add(delivery);
            }
        }
        return List.copyOf(taken);
    }

    /** Successful handler calls so far. */
    public long deliveredCount() {
        return delivered.get();
    }

    /** Redeliveries skipped because the event id was already handled. */
    public long duplicateCount() {
        return duplicates.get();
    }

    /** The router, for callers that want to know where an event would go. */
    public EventRouter router() {
        return router;
    }

    @Override
    public void close() {
        retries.shutdownNow();
        workers.shutdown();
        priorityWorkers.shutdown();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
            priorityWorkers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void route(Delivery delivery) {
        for (String target : delivery.targets()) {
            if (handlers.containsKey(target)) {
                dispatch(target, delivery, 1);
            } else {
                waiting.computeIfAbsent(target, t -> new ConcurrentLinkedQueue<>())
                        .add(delivery);
                // The subscriber may have arrived in between: hand over what waits.
                if (handlers.containsKey(target)) {
                    Queue<Delivery> backlog = waiting.remove(target);
                    for (Delivery event; backlog != null && (event = backlog.poll()) != null; ) {
                        dispatch(target, event, 1);
                    }
                }
            }
        }
    }

    private void dispatch(String target, Delivery delivery, int attempt) {
        try {
            (priorityQueues.contains(target) ? priorityWorkers : workers)
                    .execute(() -> deliver(target, delivery, attempt));
        } catch (RejectedExecutionException e) {
            deadLetter(target, delivery.eventJson(), "SHUT_DOWN: the bus was closed before delivery", attempt - 1);
        }
    }

    private void deliver(String target, Delivery delivery, int attempt) {
        String eventJson = delivery.eventJson();
        InboundEvent event;
        try {
            event = delivery.decoded() != null ? delivery.decoded() : codec.decode(eventJson);
        } catch (UndeliverableEventException e) {
            deadLetter(target, eventJson, e.getMessage(), 0);
            return;
        }
        if (!idempotency.claim(target, event.deduplicationId(), options.idempotencyTtl())) {
            duplicates.incrementAndGet();
            return;
        }
        try {
            EventMdc.handle(tracing, EventTracing.IN_PROCESS, target, handlers.get(target), event);
            delivered.incrementAndGet();
        } catch (Exception | AssertionError e) {
            idempotency.release(target, event.deduplicationId());
            int maxAttempts = maxAttempts(target);
            if (attempt >= maxAttempts) {
                deadLetter(target, eventJson, HANDLER_FAILED + " after " + attempt + " attempts: " + e, attempt);
            } else {
                try {
                    retries.schedule(
                            () -> dispatch(target, delivery, attempt + 1),
                            options.retry().backoff(attempt).toMillis(),
                            TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException closed) {
                    deadLetter(target, eventJson, "SHUT_DOWN: the bus was closed before a retry", attempt);
                }
            }
        }
    }

    private int maxAttempts(String target) {
        // Topics have no redrive policy of their own; their subscribers get the default of 3.
        return definition.queue(target).map(QueueDefinition::maxReceiveCount).orElse(3);
    }

    private void deadLetter(String target, String eventJson, String reason, int attempts) {
        String dlq =
                definition.queue(target).map(QueueDefinition::deadLetterQueue).orElse(target + "-dlq");
        deadLetters
                .computeIfAbsent(target, t -> new ConcurrentLinkedQueue<>())
                .add(new DeadLetter(
                        UUID.randomUUID().toString(), dlq, target, eventJson, reason, attempts, clock.instant()));
    }

    /** An event on its way: the EventBridge JSON, the event itself when it is ours, its targets. */
    private record Delivery(String eventJson, InboundEvent decoded, Set<String> targets) {}

    private static ThreadPoolExecutor pool(String name, int threads, int capacity) {
        AtomicInteger counter = new AtomicInteger();
        return new ThreadPoolExecutor(
                threads,
                threads,
                0,
                TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(capacity),
                runnable -> Thread.ofPlatform()
                        .name(name + "-" + counter.incrementAndGet())
                        .daemon(true)
                        .unstarted(runnable),
                // Back-pressure: a full pool makes the publisher deliver. Unlike CallerRunsPolicy,
                // refuse loudly once closed instead of dropping the delivery.
                (runnable, pool) -> {
                    if (pool.isShutdown()) {
                        throw new RejectedExecutionException("the event bus is closed");
                    }
                    runnable.run();
                });
    }
}
