import ai.socagent.domain.event.DomainEvent;
import ai.socagent.domain.event.ThreatIntelligenceEnriched;
import ai.socagent.domain.indicator.EnrichmentSummary;
import ai.socagent.domain.indicator.Indicator;
import ai.socagent.domain.indicator.IndicatorHit;
import ai.socagent.domain.indicator.IndicatorType;
import ai.socagent.domain.indicator.Reputation;
import ai.socagent.eventbus.InboundEvent;
import ai.socagent.eventbus.TraceContext;
import ai.socagent.eventbus.envelope.EventCodec;
import ai.socagent.eventbus.inprocess.InMemoryIdempotencyStore;
import ai.socagent.eventbus.inprocess.InProcessEventBus;
import ai.socagent.eventbus.routing.RoutingDefinitions;
import io.opentelemetry.api.OpenTelemetry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * In-process bus benchmark: events/s from publish to handler and p50/p99 publish-to-handler latency.
 * One "Threat Intelligence Enriched" event -> one queue (investigation), so each event is one delivery:
 * encode (Jackson), route (event-ruler over the bundled rules.json), idempotency claim, decode, handle.
 *
 * <p>Run with bench/event-bus/run.sh [events] [delivery threads] [publisher threads] [rate/s, 0 = max]
 * [journal|memory]. {@code journal} (default, the standalone mode's default): every publish returns once its
 * delivery is in the bus's RocksDB journal's write-ahead log (a fresh one in a temporary directory per round);
 * {@code memory}: the bus without a journal.
 */
public final class InProcessBusBench {

    private static int rate;
    private static boolean journal;

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int publishers = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        // 0: publish as fast as possible (throughput); otherwise the offered load, for latency.
        rate = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        journal = args.length <= 4 || !args[4].equals("memory");
        System.out.printf("cores=%d events=%d deliveryThreads=%d publisherThreads=%d rate=%s store=%s java=%s%n",
                Runtime.getRuntime().availableProcessors(), events, threads, publishers,
                rate == 0 ? "max" : rate + "/s",
                journal ? "journal" : "memory",
                System.getProperty("java.version"));
        run("warm-up", events / 2, threads, publishers);
        run("measured", events, threads, publishers);
    }

    private static void run(String label, int count, int threads, int publishers) throws Exception {
        List<DomainEvent> events = events(count);
        ConcurrentHashMap<String, Long> sentAt = new ConcurrentHashMap<>(count * 2);
        long[] latencies = new long[count];
        AtomicInteger handled = new AtomicInteger();
        InProcessEventBus.Options defaults = InProcessEventBus.Options.defaults();
        InProcessEventBus.Options options =
                new InProcessEventBus.Options(threads, 1, 10_000, defaults.retry(), defaults.idempotencyTtl()); // threads: deliveries of the queue at once
        Path directory = Files.createTempDirectory("event-bus-bench");
        try (InProcessEventBus bus = journal
                ? InProcessEventBus.durable(
                        RoutingDefinitions.bundled(),
                        EventCodec.create(),
                        InProcessEventBus.Journal.in(directory),
                        options,
                        OpenTelemetry.noop())
                : InProcessEventBus.create(
                        RoutingDefinitions.bundled(), EventCodec.create(), InMemoryIdempotencyStore.create(), options)) {
            bus.subscribe("investigation", event -> {
                long now = System.nanoTime();
                String id = ((InboundEvent.PipelineEvent) event).event().eventId();
                latencies[handled.getAndIncrement()] = now - sentAt.get(id);
            });
            bus.start();
            TraceContext trace = TraceContext.newRoot();
            long start = System.nanoTime();
            List<Thread> threadsList = new ArrayList<>();
            for (int p = 0; p < publishers; p++) {
                int from = p * count / publishers;
                int to = (p + 1) * count / publishers;
                long intervalNanos = rate == 0 ? 0 : 1_000_000_000L * publishers / rate;
                threadsList.add(Thread.ofPlatform().start(() -> {
                    long next = System.nanoTime();
                    for (int i = from; i < to; i++) {
                        if (intervalNanos > 0) {
                            next += intervalNanos;
                            while (System.nanoTime() < next) {
                                Thread.onSpinWait();
                            }
                        }
                        DomainEvent event = events.get(i);
                        sentAt.put(event.eventId(), System.nanoTime());
                        bus.publish(event, trace);
                    }
                }));
            }
            for (Thread t : threadsList) {
                t.join();
            }
            long published = System.nanoTime() - start;
            while (handled.get() < count) {
                Thread.onSpinWait();
            }
            long elapsed = System.nanoTime() - start;
            long[] sorted = Arrays.copyOf(latencies, count);
            Arrays.sort(sorted);
            System.out.printf(
                    "%-9s %,d events in %.2f s: %,.0f events/s (publish calls returned at %,.0f/s); publish-to-handler"
                            + " p50 %.3f ms, p99 %.3f ms, max %.3f ms%n",
                    label,
                    count,
                    elapsed / 1e9,
                    count / (elapsed / 1e9),
                    count / (published / 1e9),
                    sorted[count / 2] / 1e6,
                    sorted[(int) (count * 0.99)] / 1e6,
                    sorted[count - 1] / 1e6);
        }
        if (journal) {
            long bytes;
            try (var files = Files.walk(directory)) {
                bytes = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
            }
            System.out.printf("          journal directory after close: %,d KB%n", bytes / 1024);
        }
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    private static List<DomainEvent> events(int count) {
        Indicator ip = Indicator.of(IndicatorType.IPV4, "198.51.100.23");
        EnrichmentSummary summary = new EnrichmentSummary(
                1, List.of(new IndicatorHit(ip, "abuse.ch", Reputation.MALICIOUS, 0.9, List.of("botnet"), "C2")),
                "1 of 1 indicators is known malicious");
        Instant now = Instant.now();
        List<DomainEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String id = UUID.randomUUID().toString();
            events.add(ThreatIntelligenceEnriched.of(id, now, id, summary));
        }
        return events;
    }
}
