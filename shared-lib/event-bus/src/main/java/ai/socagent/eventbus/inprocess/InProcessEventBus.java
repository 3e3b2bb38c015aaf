package ai.socagent.eventbus.inprocess;

import ai.socagent.domain.event.DomainEvent;
import ai.socagent.eventbus.EventHandler;
import ai.socagent.eventbus.EventPublisher;
import ai.socagent.eventbus.EventTracing;
import ai.socagent.eventbus.IdempotencyStore;
import ai.socagent.eventbus.InboundEvent;
import ai.socagent.eventbus.RetryPolicy;
import ai.socagent.eventbus.TraceContext;
import ai.socagent.eventbus.delivery.DeliveryRules;
import ai.socagent.eventbus.delivery.DeliveryRules.Outcome;
import ai.socagent.eventbus.envelope.EncodedBatch;
import ai.socagent.eventbus.envelope.EventCodec;
import ai.socagent.eventbus.envelope.EventEnvelope;
import ai.socagent.eventbus.inprocess.DeliveryStore.Delivery;
import ai.socagent.eventbus.routing.EventRouter;
import ai.socagent.eventbus.routing.QueueDefinition;
import ai.socagent.eventbus.routing.RoutingDefinition;
import io.opentelemetry.api.OpenTelemetry;
import java.io.Serial;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event bus of the standalone mode: the rules of the routing definition, matched with
 * event-ruler, deliver each event to the handler subscribed to each target queue (or topic), on a
 * bounded pool of threads, by the same {@link DeliveryRules} as the SQS consumer: a handler that throws
 * gets the event again after a backoff, up to the queue's {@code maxReceiveCount}, and then the event
 * goes to the queue's dead-letter queue with the reason ({@link #deadLetters(String)}); an event no
 * handler can read goes there at once; a handler sees each event id once (an {@link IdempotencyStore}
 * claim precedes it, released if it fails).
 *
 * <p>Each queue and topic has its own share of the delivery capacity ({@link DeliveryLane}): up to
 * {@link Options#concurrency()} of its deliveries run at once (a queue marked {@code priority}, the
 * emergency path, {@link Options#priorityConcurrency()}; any queue its own in {@link
 * Options#queueConcurrency()}), each on a virtual thread, so a handler waiting for a model holds back
 * its own queue only, never another agent's, the dashboard's or the emergency queues.
 *
 * <p>Durable ({@link #durable}, the default of the standalone mode): every delivery is written to a
 * journal ({@link DeliveryJournal}, RocksDB) and in its write-ahead log before {@link #publish} returns; it leaves the
 * journal when its handler succeeded or it was dead-lettered (dead letters stay in the journal, so the
 * dead-letter queues and their redrive survive restarts); idempotency claims are kept there too. On
 * {@link #start()} the deliveries an earlier process left are delivered again. Without a journal
 * ({@link #create}) the same happens in memory and a restart forgets it.
 *
 * <p>Queues nobody subscribed to (bounded memory): until {@link #start()} a delivery to a queue without
 * a handler is kept and handed to the handler that subscribes before the start (services subscribe
 * while the application starts). At {@link #start()}, and from then on, a delivery to a queue with no
 * handler in this process is dropped: counted ({@link #droppedCount()}), logged once per queue, and not
 * journaled, so queues that no service of this process consumes (the agents without behaviour yet)
 * hold nothing. A bus that is never started keeps waiting deliveries for their subscriber.
 *
 * <p>Tracing ({@link EventTracing}, {@code messaging.system} {@value EventTracing#IN_PROCESS}): each
 * published event gets a producer span (destination the bus) whose trace context it carries, and each
 * handler call a consumer span (destination the queue), child of it and current while the handler runs.
 */
public final class InProcessEventBus implements EventPublisher, AutoCloseable {

    /** The account and region the in-process bus writes into its events. */
    public static final String ACCOUNT = "000000000000";

    public static final String REGION = "local";

    private static final Logger LOG = LoggerFactory.getLogger(InProcessEventBus.class);

    /** A claim's lease in this process: only a delivery racing itself meets one (the process is the lease). */
    private static final Duration CLAIM_LEASE = Duration.ofMinutes(5);

    private enum State {
        NEW,
        STARTED,
        STOPPED
    }

    private final RoutingDefinition definition;
    private final EventRouter router;
    private final EventCodec codec;
    private final DeliveryStore store;
    private final DeliveryRules rules;
    private final Options options;
    private final Clock clock;
    private final EventTracing tracing;
    private final Map<String, DeliveryLane> lanes;
    private final ScheduledExecutorService retries;
    private final Map<String, EventHandler> handlers = new ConcurrentHashMap<>();
    private final Map<String, Queue<Held>> held = new ConcurrentHashMap<>();
    private final Set<String> reportedDrops = ConcurrentHashMap.newKeySet();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong replayed = new AtomicLong();
    private final Object lifecycle = new Object();
    private volatile State state = State.NEW;
    private volatile Thread replay;

    /**
     * Tuning of the bus.
     *
     * @param concurrency deliveries of one ordinary queue (or topic) that run at once
     * @param priorityConcurrency deliveries of one priority queue that run at once
     * @param capacity deliveries of one queue that may wait in line; publishers deliver themselves
     *     beyond that (back-pressure, nothing dropped)
     * @param retry backoff between deliveries of a failing event
     * @param idempotencyTtl how long an event id is remembered
     * @param queueConcurrency a queue's own concurrency, by queue name, instead of the above
     */
    public record Options(
            int concurrency,
            int priorityConcurrency,
            int capacity,
            RetryPolicy retry,
            Duration idempotencyTtl,
            Map<String, Integer> queueConcurrency) {

        /** Concurrency of an ordinary queue by default: handlers waiting for a model hold virtual threads. */
        public static final int DEFAULT_CONCURRENCY = 64;

        public static final int DEFAULT_PRIORITY_CONCURRENCY = 16;

        public Options {
            queueConcurrency = queueConcurrency == null ? Map.of() : Map.copyOf(queueConcurrency);
        }

        public Options(int concurrency, int priorityConcurrency, int capacity, RetryPolicy retry, Duration ttl) {
            this(concurrency, priorityConcurrency, capacity, retry, ttl, Map.of());
        }

        public static Options defaults() {
            return new Options(
                    DEFAULT_CONCURRENCY,
                    DEFAULT_PRIORITY_CONCURRENCY,
                    10_000,
                    RetryPolicy.defaults(),
                    Duration.ofHours(24));
        }

        public Options withRetry(RetryPolicy value) {
            return new Options(concurrency, priorityConcurrency, capacity, value, idempotencyTtl, queueConcurrency);
        }

        public Options withQueueConcurrency(Map<String, Integer> value) {
            return new Options(concurrency, priorityConcurrency, capacity, retry, idempotencyTtl, value);
        }

        int concurrencyOf(QueueDefinition queue) {
            return queueConcurrency.getOrDefault(queue.name(), queue.priority() ? priorityConcurrency : concurrency);
        }
    }

    /**
     * Where a durable bus keeps its journal.
     *
     * @param directory the journal's directory (its RocksDB database is {@value
     *     DeliveryJournal#DIRECTORY_NAME} in it)
     * @param fsync force every write-ahead log write to the disk: survives a power loss, not only a
     *     killed process, at a few milliseconds a write
     */
    public record Journal(Path directory, boolean fsync) {

        /** A journal in {@code directory}, committed to the operating system (not forced to disk). */
        public static Journal in(Path directory) {
            return new Journal(directory, false);
        }
    }

    private InProcessEventBus(
            RoutingDefinition definition,
            EventCodec codec,
            DeliveryStore store,
            Options options,
            Clock clock,
            EventTracing tracing) {
        this.definition = definition;
        this.tracing = tracing;
        this.router = EventRouter.create(definition);
        this.codec = codec;
        this.store = store;
        this.options = options;
        this.clock = clock;
        this.rules = DeliveryRules.create(
                codec,
                store.claims(),
                tracing,
                EventTracing.IN_PROCESS,
                options.retry(),
                options.idempotencyTtl(),
                CLAIM_LEASE);
        Map<String, DeliveryLane> byTarget = new LinkedHashMap<>();
        for (QueueDefinition queue : definition.queues()) {
            byTarget.put(
                    queue.name(), new DeliveryLane(queue.name(), options.concurrencyOf(queue), options.capacity()));
        }
        definition
                .topics()
                .forEach(topic -> byTarget.put(
                        topic.name(),
                        new DeliveryLane(
                                topic.name(),
                                options.queueConcurrency().getOrDefault(topic.name(), options.concurrency()),
                                options.capacity())));
        this.lanes = Map.copyOf(byTarget);
        this.retries = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("event-bus-retry").daemon(true).factory());
    }

    /** A bus in memory that records no spans. */
    public static InProcessEventBus create(
            RoutingDefinition definition, EventCodec codec, IdempotencyStore idempotency, Options options) {
        return create(definition, codec, idempotency, options, OpenTelemetry.noop());
    }

    /** A bus in memory that records producer and consumer spans with {@code openTelemetry}. */
    public static InProcessEventBus create(
            RoutingDefinition definition,
            EventCodec codec,
            IdempotencyStore idempotency,
            Options options,
            OpenTelemetry openTelemetry) {
        return new InProcessEventBus(
                definition,
                codec,
                new MemoryDeliveryStore(idempotency),
                options,
                Clock.systemUTC(),
                EventTracing.create(openTelemetry));
    }

    /**
     * A bus whose deliveries, dead letters and claims are kept in the journal {@code journal} (opened
     * now; another bus or process holding it is refused). {@link #start()} delivers what an earlier
     * process left there.
     */
    public static InProcessEventBus durable(
            RoutingDefinition definition,
            EventCodec codec,
            Journal journal,
            Options options,
            OpenTelemetry openTelemetry) {
        return durable(definition, codec, journal, null, options, openTelemetry);
    }

    /**
     * A durable bus as {@link #durable(RoutingDefinition, EventCodec, Journal, Options, OpenTelemetry)},
     * whose consumers claim event ids in {@code idempotency} instead of the journal (null: the journal).
     */
    public static InProcessEventBus durable(
            RoutingDefinition definition,
            EventCodec codec,
            Journal journal,
            IdempotencyStore idempotency,
            Options options,
            OpenTelemetry openTelemetry) {
        return new InProcessEventBus(
                definition,
                codec,
                DeliveryJournal.open(journal.directory(), journal.fsync(), idempotency),
                options,
                Clock.systemUTC(),
                EventTracing.create(openTelemetry));
    }

    /**
     * Subscribes {@code handler} to the queue or topic called {@code target} (one handler per
     * target: a queue belongs to one consuming service). Before {@link #start()}, deliveries that waited
     * for it are delivered now.
     */
    public void subscribe(String target, EventHandler handler) {
        if (definition.queue(target).isEmpty() && definition.topic(target).isEmpty()) {
            throw new IllegalArgumentException("'" + target + "' is no queue or topic of the routing definition");
        }
        if (handlers.putIfAbsent(target, handler) != null) {
            throw new IllegalStateException("'" + target + "' already has a handler");
        }
        settleHeld(target);
    }

    /**
     * Starts delivering what this bus keeps for later: deliveries held for a queue without a handler
     * go to the handler subscribed since, or are dropped; deliveries a previous process left in the
     * journal are delivered again (on a thread of their own, so that a large backlog does not hold the
     * caller), or dropped when their queue has no handler in this process. From now on a delivery to a
     * queue without a handler is dropped. Calling it again does nothing; a stopped bus does not start.
     */
    public void start() {
        synchronized (lifecycle) {
            if (state == State.STARTED) {
                return;
            }
            if (state == State.STOPPED) {
                throw new IllegalStateException("the event bus was stopped; it does not start again");
            }
            state = State.STARTED;
        }
        held.keySet().forEach(this::settleHeld);
        long below = store.firstIdOfThisRun();
        Thread thread = Thread.ofPlatform().name("event-bus-replay").daemon().unstarted(() -> replay(below));
        replay = thread;
        thread.start();
    }

    /** Whether {@link #start()} ran and {@link #stop()} not yet. */
    public boolean isRunning() {
        return state == State.STARTED;
    }

    /**
     * Publishes {@code events}: every one is encoded and checked first, so an event too large for
     * EventBridge fails the call before anything is delivered. Durable: returns once its deliveries
     * are committed to the journal.
     */
    @Override
    public void publish(List<? extends DomainEvent> events, TraceContext trace) {
        EncodedBatch encoded = EncodedBatch.encode(
                events,
                trace,
                codec,
                tracing,
                EventTracing.IN_PROCESS,
                definition.bus().name());
        try {
            List<Routed> routed = new ArrayList<>(events.size());
            for (EncodedBatch.Encoded event : encoded.events()) {
                EventEnvelope envelope = event.envelope();
                String json = codec.toEventBridgeEvent(envelope, event.event().eventId(), ACCOUNT, REGION);
                // The bus's own events need no decoding: the record is immutable and the codec's round
                // trip is tested; the JSON is what routing, the journal and dead letters see.
                routed.add(new Routed(
                        json,
                        new InboundEvent.PipelineEvent(
                                event.event(), event.publication().trace()),
                        router.targets(envelope.source(), envelope.detailType(), json)));
            }
            route(routed);
        } catch (RuntimeException | Error e) {
            encoded.fail(e);
            throw e;
        }
        encoded.acceptedAll();
    }

    /**
     * Publishes an event that is already an EventBridge event (e.g. a GuardDuty finding event the
     * standalone mode ingests), routed like any other.
     *
     * @return the queues and topics its rules target
     */
    public Set<String> publishEvent(String eventBridgeEventJson) {
        Routed routed = new Routed(eventBridgeEventJson, null, router.targets(eventBridgeEventJson));
        route(List.of(routed));
        return routed.targets();
    }

    /** Events dead-lettered from {@code queue}, oldest first. */
    public List<DeadLetter> deadLetters(String queue) {
        return store.deadLetters(queue);
    }

    /**
     * Takes the dead letters of {@code queue} that {@code which} selects out of its dead-letter queue
     * and delivers each to {@code queue} again, as a new delivery (attempt 1). Each dead letter is
     * taken once, however many callers race. Once the bus is started, the dead letters of a queue with
     * no handler in this process stay where they are.
     *
     * @return the dead letters redriven
     */
    public List<DeadLetter> redrive(String queue, Predicate<DeadLetter> which) {
        if (state != State.NEW && !handlers.containsKey(queue)) {
            return List.of();
        }
        List<DeadLetter> taken = new ArrayList<>();
        for (DeliveryStore.Redriven redriven : store.redrive(queue, which)) {
            taken.add(redriven.letter());
            deliverOrHold(new Held(redriven.id(), queue, redriven.letter().eventJson(), null));
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

    /** Deliveries dropped because their queue had no handler in this process once the bus was started. */
    public long droppedCount() {
        return dropped.get();
    }

    /** Deliveries an earlier process left in the journal that {@link #start()} delivered again. */
    public long replayedCount() {
        return replayed.get();
    }

    /** Deliveries of {@code queue} (a queue or topic) waiting in line for a worker. */
    public int waitingCount(String queue) {
        return lane(queue).waiting();
    }

    /** Deliveries of {@code queue} (a queue or topic) running now. */
    public int runningCount(String queue) {
        return lane(queue).running();
    }

    /** How many deliveries of {@code queue} (a queue or topic) may run at once. */
    public int concurrency(String queue) {
        return lane(queue).concurrency();
    }

    private DeliveryLane lane(String queue) {
        DeliveryLane lane = lanes.get(queue);
        if (lane == null) {
            throw new IllegalArgumentException("'" + queue + "' is no queue or topic of the routing definition");
        }
        return lane;
    }

    /** Where the deliveries are kept (tests look into the journal). */
    DeliveryStore store() {
        return store;
    }

    /** The router, for callers that want to know where an event would go. */
    public EventRouter router() {
        return router;
    }

    /**
     * Stops delivering: no more retries, the handler calls under way finish (up to 10 s). Durable:
     * whatever was not delivered stays in the journal for the next start; publishing still journals.
     * In memory: a delivery that can no longer run is dead-lettered ({@code SHUT_DOWN}).
     */
    public void stop() {
        synchronized (lifecycle) {
            if (state == State.STOPPED) {
                return;
            }
            state = State.STOPPED;
        }
        Thread replaying = replay;
        if (replaying != null) {
            replaying.interrupt();
        }
        retries.shutdownNow();
        lanes.values().forEach(DeliveryLane::shutdown);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try {
            for (DeliveryLane lane : lanes.values()) {
                lane.awaitTermination(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@link #stop()}, then closes the journal. */
    @Override
    public void close() {
        stop();
        store.close();
    }

    private void replay(long below) {
        try {
            store.replay(below, stored -> {
                if (Thread.currentThread().isInterrupted()) {
                    throw new ReplayInterrupted();
                }
                Delivery delivery = stored.delivery();
                if (handlers.containsKey(delivery.queue())) {
                    replayed.incrementAndGet();
                    dispatch(
                            new Held(stored.id(), delivery.queue(), delivery.eventJson(), null),
                            delivery.failedAttempts() + 1);
                } else {
                    drop(stored.id(), delivery.queue());
                }
            });
            if (replayed.get() > 0) {
                LOG.info("Replayed {} deliveries the journal kept from before the restart", replayed.get());
            }
        } catch (ReplayInterrupted e) {
            LOG.info("Event bus stopped while replaying its journal; the rest stays for the next start");
        } catch (RuntimeException e) {
            LOG.error("Replaying the event bus journal failed", e);
        }
    }

    private void route(List<Routed> routed) {
        List<Delivery> deliveries = new ArrayList<>();
        List<InboundEvent> decoded = new ArrayList<>();
        for (Routed event : routed) {
            for (String target : event.targets()) {
                if (state == State.NEW || handlers.containsKey(target)) {
                    deliveries.add(new Delivery(target, event.eventJson(), 0));
                    decoded.add(event.decoded());
                } else {
                    countDrop(target);
                }
            }
        }
        long[] ids = store.append(deliveries);
        for (int i = 0; i < ids.length; i++) {
            Delivery delivery = deliveries.get(i);
            deliverOrHold(new Held(ids[i], delivery.queue(), delivery.eventJson(), decoded.get(i)));
        }
    }

    private void deliverOrHold(Held delivery) {
        if (handlers.containsKey(delivery.queue())) {
            dispatch(delivery, 1);
            return;
        }
        held.computeIfAbsent(delivery.queue(), q -> new ConcurrentLinkedQueue<>())
                .add(delivery);
        // The subscriber (or the start) may have come in between: settle what waits.
        if (handlers.containsKey(delivery.queue()) || state != State.NEW) {
            settleHeld(delivery.queue());
        }
    }

    /** Hands what waits for {@code target} to its handler, or drops it once the bus is started. */
    private void settleHeld(String target) {
        Queue<Held> waiting = held.get(target);
        if (waiting == null) {
            return;
        }
        for (Held delivery; (delivery = waiting.poll()) != null; ) {
            if (handlers.containsKey(target)) {
                dispatch(delivery, 1);
            } else if (state != State.NEW) {
                drop(delivery.id(), target);
            } else {
                waiting.add(delivery);
                return;
            }
        }
    }

    private void drop(long id, String target) {
        store.dropped(id);
        countDrop(target);
    }

    private void countDrop(String target) {
        dropped.incrementAndGet();
        if (reportedDrops.add(target)) {
            LOG.info(
                    "No handler for queue {} in this process: events routed to it are dropped (counted, logged"
                            + " once per queue)",
                    target);
        }
    }

    private void dispatch(Held delivery, int attempt) {
        try {
            lanes.get(delivery.queue()).submit(() -> deliver(delivery, attempt));
        } catch (RejectedExecutionException e) {
            store.abandoned(
                    delivery.id(), deadLetter(delivery, "SHUT_DOWN: the bus was closed before delivery", attempt - 1));
        }
    }

    private void deliver(Held delivery, int attempt) {
        String target = delivery.queue();
        Outcome outcome = rules.deliver(
                target, delivery.eventJson(), delivery.decoded(), attempt, maxAttempts(target), handlers.get(target));
        switch (outcome) {
            case Outcome.Handled handled -> {
                store.handled(delivery.id(), target, handled.event().deduplicationId(), options.idempotencyTtl());
                delivered.incrementAndGet();
            }
            case Outcome.Duplicate duplicate -> {
                store.handled(delivery.id(), target, null, options.idempotencyTtl());
                duplicates.incrementAndGet();
            }
            case Outcome.DeadLetter dead ->
                store.deadLettered(delivery.id(), deadLetter(delivery, dead.reason(), dead.handlerCalls()));
            case Outcome.Retry retry -> {
                store.attempted(delivery.id(), attempt);
                try {
                    retries.schedule(
                            () -> dispatch(delivery, attempt + 1),
                            retry.backoff().toMillis(),
                            TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException closed) {
                    store.abandoned(
                            delivery.id(),
                            deadLetter(delivery, "SHUT_DOWN: the bus was closed before a retry", attempt));
                }
            }
        }
    }

    private int maxAttempts(String target) {
        // Topics have no redrive policy of their own; their subscribers get the default of 3.
        return definition.queue(target).map(QueueDefinition::maxReceiveCount).orElse(3);
    }

    private DeadLetter deadLetter(Held delivery, String reason, int attempts) {
        String target = delivery.queue();
        String dlq =
                definition.queue(target).map(QueueDefinition::deadLetterQueue).orElse(target + "-dlq");
        return new DeadLetter(
                UUID.randomUUID().toString(), dlq, target, delivery.eventJson(), reason, attempts, clock.instant());
    }

    /** A published event: the EventBridge JSON, the event itself when it is ours, its targets. */
    private record Routed(String eventJson, InboundEvent decoded, Set<String> targets) {}

    /** A delivery on its way: its id in the store, its queue, the event (decoded when it is ours). */
    private record Held(long id, String queue, String eventJson, InboundEvent decoded) {}

    /** Ends a replay the bus's stop interrupted. */
    private static final class ReplayInterrupted extends RuntimeException {
        @Serial
        private static final long serialVersionUID = 1L;

        ReplayInterrupted() {
            super(null, null, false, false);
        }
    }
}
