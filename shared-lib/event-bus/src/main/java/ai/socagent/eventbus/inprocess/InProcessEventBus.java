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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event bus of the standalone mode: the rules of the routing definition, matched with
 * event-ruler, deliver each event to the handler subscribed to each target queue (or topic), on a
 * bounded pool of threads, by the same {@link DeliveryRules} as the SQS consumer: a handler that throws
 * gets the event again after a backoff, up to the queue's {@code maxReceiveCount}, and then the event
 * goes to the queue's dead-letter queue with the reason ({@link #deadLetters(String)}); an event no
 * handler can read goes there at once; a handler sees each event id once (an {@link IdempotencyStore}
 * claim precedes it, released if it fails). Queues marked {@code priority} (the emergency path) have
 * their own threads, so they never wait behind the rest.
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
    private final ThreadPoolExecutor workers;
    private final ThreadPoolExecutor priorityWorkers;
    private final ScheduledExecutorService retries;
    private final Map<String, EventHandler> handlers = new ConcurrentHashMap<>();
    private final Map<String, Queue<Held>> held = new ConcurrentHashMap<>();
    private final Set<String> reportedDrops = ConcurrentHashMap.newKeySet();
    private final Set<String> priorityQueues;
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
        this.priorityQueues = definition.queues().stream()
                .filter(QueueDefinition::priority)
                .map(QueueDefinition::name)
                .collect(Collectors.toUnmodifiableSet());
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
        this.workers = pool("event-bus", options.threads(), options.capacity());
        this.priorityWorkers = pool("event-bus-priority", options.priorityThreads(), options.capacity());
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
        workers.shutdown();
        priorityWorkers.shutdown();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
            priorityWorkers.awaitTermination(10, TimeUnit.SECONDS);
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
            (priorityQueues.contains(delivery.queue()) ? priorityWorkers : workers)
                    .execute(() -> deliver(delivery, attempt));
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
