import ai.socagent.contextstore.AgentContextEntry;
import ai.socagent.contextstore.ArchiveBatch;
import ai.socagent.contextstore.ArchiveReceipt;
import ai.socagent.contextstore.ContextArchive;
import ai.socagent.contextstore.ContextTables;
import ai.socagent.contextstore.CursorCodec;
import ai.socagent.contextstore.GlobalContextEntry;
import ai.socagent.contextstore.InvestigationContextEntry;
import ai.socagent.contextstore.adapter.out.embedded.EmbeddedContextStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The embedded context store under the ThreatClassifier's write pattern (issue 9, part 5). Per
 * threat: one InvestigationContextTable create, one AgentContextTable create, one GlobalContextTable
 * create, each followed by a point read of what was written; payloads are the classifier's own
 * (bench/context-store/payloads.jsonl: the 97 bundled samples as the offline engine classifies them,
 * with fresh ids per threat). Then the file: live, after compaction, and in a TTL steady state
 * (simulated days: purge of expired entries, then compaction). On disk = every file of the store's
 * directory (tables, write-ahead log, manifest).
 *
 * <p>Arguments: [threats, default 60000] [writer threads, default 2] [steady-state threats per
 * simulated day, default 2000; 0 skips it]. Run with bench/context-store/run.sh.
 */
public final class ContextStoreBench {

    static final Pattern UUID_TEXT = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    static final String AGENT = "ThreatClassifier";
    static final String LEVEL = "classification";
    static final String CONTEXT_TYPE = "threat-classification";

    /** One classified sample: its payloads with the ids turned into placeholders. */
    record Template(String threatType, String severity, String investigation, String session, String global) {}

    /** A clock the bench moves: "now" for the store's TTLs. */
    static final class BenchClock extends Clock {
        final AtomicReference<Instant> now;

        BenchClock(Instant start) {
            this.now = new AtomicReference<>(start);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        void advance(Duration by) {
            now.updateAndGet(t -> t.plus(by));
        }
    }

    /** The archive of the purge, counted and dropped: the figure is the store file, not the archive. */
    static final class CountingArchive implements ContextArchive {
        final AtomicInteger entries = new AtomicInteger();

        @Override
        public ArchiveReceipt archive(ArchiveBatch batch) {
            entries.addAndGet(batch.entries().size());
            return new ArchiveReceipt(
                    "bench/" + batch.batchId(), "bench:", Optional.empty(), batch.entries().size(), 0);
        }

        @Override
        public Optional<ArchiveBatch> read(String key) {
            return Optional.empty();
        }

        @Override
        public List<String> list(String prefix) {
            return List.of();
        }
    }

    /** DURABILITY=POWER_LOSS in the environment: every write also forced to the device. */
    static final EmbeddedContextStore.Durability DURABILITY = EmbeddedContextStore.Durability.valueOf(
            System.getenv().getOrDefault("DURABILITY", "PROCESS_CRASH"));

    public static void main(String[] args) throws Exception {
        int threats = args.length > 0 ? Integer.parseInt(args[0]) : 60_000;
        int writers = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int perDay = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
        List<Template> templates = templates(Path.of("bench/context-store/payloads.jsonl"));
        Path dir = Files.createTempDirectory("ctx-store-bench");
        Path file = dir.resolve("context-store");
        ContextTables tables = ContextTables.forEnvironment("bench");
        BenchClock clock = new BenchClock(Instant.parse("2026-11-26T12:00:00Z"));
        double payloadChars = templates.stream()
                .mapToInt(t -> t.investigation().length() + t.session().length() + t.global().length())
                .average()
                .orElseThrow();
        System.out.printf(
                Locale.ROOT,
                "%d threats, %d writer threads, payload JSON %.0f chars per threat (3 items), durability %s, %s, JDK %s,"
                        + " %d cores%n",
                threats,
                writers,
                payloadChars,
                DURABILITY,
                file,
                Runtime.version(),
                Runtime.getRuntime().availableProcessors());

        try (EmbeddedContextStore store = EmbeddedContextStore.open(file, tables, clock, CursorCodec.create(), DURABILITY)) {
            AtomicInteger next = new AtomicInteger();
            run(store, templates, clock, next, Math.min(threats / 5, 10_000), writers, false);
            run(store, templates, clock, next, threats, writers, true);
            int written = next.get();
            report("live, as written", file, written);
            store.compact();
            report("live, after compaction", file, written);
        }
        if (perDay > 0) {
            steadyState(templates, dir.resolve("steady"), tables, perDay, writers);
        }
    }

    /** Days of traffic on a simulated clock: each day perDay threats, then the purge and compaction. */
    static void steadyState(List<Template> templates, Path file, ContextTables tables, int perDay, int writers)
            throws Exception {
        BenchClock clock = new BenchClock(Instant.parse("2026-01-01T00:00:00Z"));
        CountingArchive archive = new CountingArchive();
        int days = 32;
        try (EmbeddedContextStore store = EmbeddedContextStore.open(file, tables, clock, CursorCodec.create(), DURABILITY)) {
            AtomicInteger next = new AtomicInteger();
            long purgeNanos = 0;
            for (int day = 0; day < days; day++) {
                for (int hour = 0; hour < 24; hour++) {
                    run(store, templates, clock, next, perDay / 24, writers, false);
                    clock.advance(Duration.ofHours(1));
                }
                long t0 = System.nanoTime();
                store.purgeExpired(archive);
                store.compact();
                purgeNanos += System.nanoTime() - t0;
            }
            // what the TTLs keep: 30 days of investigation entries, 7 of global ones, 1 of agent ones
            int livePerDay = perDay / 24 * 24;
            System.out.printf(
                    Locale.ROOT,
                    "steady state: %d simulated days of %d threats, daily purge + compaction (%.0f ms a day),"
                            + " %d entries purged%n",
                    days,
                    livePerDay,
                    purgeNanos / 1e6 / days,
                    archive.entries.get());
            report("steady state, per threat within the 30-day TTL", file, livePerDay * 30);
        }
    }

    static void report(String what, Path store, int threats) throws IOException {
        long bytes;
        try (var files = Files.walk(store)) {
            bytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        System.out.printf(
                Locale.ROOT,
                "on disk, %-45s %,12d bytes = %,7.0f bytes per threat (%,d threats)%n",
                what + ":",
                bytes,
                (double) bytes / threats,
                threats);
    }

    static void run(
            EmbeddedContextStore store,
            List<Template> templates,
            BenchClock clock,
            AtomicInteger next,
            int count,
            int writers,
            boolean measured)
            throws InterruptedException {
        int first = next.get();
        int end = first + count;
        long[] latencies = new long[count];
        List<Thread> threads = new ArrayList<>();
        long started = System.nanoTime();
        for (int w = 0; w < writers; w++) {
            Thread thread = Thread.ofPlatform().name("writer-" + w).start(() -> {
                int i;
                while ((i = next.getAndIncrement()) < end) {
                    long t0 = System.nanoTime();
                    threat(store, templates, clock, i);
                    latencies[i - first] = System.nanoTime() - t0;
                }
            });
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        next.set(end);
        long took = System.nanoTime() - started;
        if (measured) {
            Arrays.sort(latencies);
            System.out.printf(
                    Locale.ROOT,
                    "measured %,d threats in %.2f s = %,.0f threats/s (%,.0f writes/s + as many reads);"
                            + " per threat (3 creates + 3 reads) p50 %.3f ms, p99 %.3f ms, max %.1f ms%n",
                    count,
                    took / 1e9,
                    count / (took / 1e9),
                    3 * count / (took / 1e9),
                    latencies[count / 2] / 1e6,
                    latencies[(int) (count * 0.99)] / 1e6,
                    latencies[count - 1] / 1e6);
        }
    }

    /** One threat the way the classifier records it, then read back. */
    static void threat(EmbeddedContextStore store, List<Template> templates, Clock clock, int index) {
        Template template = templates.get(index % templates.size());
        // ids as random as real ones (name-based UUIDs), so compression gets no help from them
        String threatId = new UUID(mix(index, 1), mix(index, 2)).toString();
        String investigationId = new UUID(mix(index, 3), mix(index, 4)).toString();
        String findingId = new UUID(mix(index, 5), mix(index, 6)).toString();
        Instant submitted = clock.instant().plusNanos(index * 1_000L);
        String classifiedAt = submitted.plusMillis(3).toString();
        String investigation = fill(template.investigation(), threatId, findingId, investigationId, classifiedAt);
        String session = fill(template.session(), threatId, findingId, investigationId, classifiedAt);
        String global = fill(template.global(), threatId, findingId, investigationId, classifiedAt);

        store.investigations()
                .create(InvestigationContextEntry.of(investigationId, LEVEL, submitted, AGENT, investigation));
        store.agents().create(AgentContextEntry.of(AGENT, investigationId, submitted, session));
        store.global()
                .create(GlobalContextEntry.of(
                        CONTEXT_TYPE, submitted, threatId, template.threatType(), template.severity(), global));

        require(store.investigations().find(investigationId, LEVEL, submitted).isPresent());
        require(store.agents().find(AGENT, investigationId, submitted).isPresent());
        require(store.global().find(CONTEXT_TYPE, submitted, threatId).isPresent());
    }

    /** SplitMix64's finaliser: deterministic, well spread bits. */
    static long mix(int index, int stream) {
        long z = index * 0x9E3779B97F4A7C15L + stream * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static void require(boolean found) {
        if (!found) {
            throw new IllegalStateException("an entry just written was not found");
        }
    }

    static String fill(String template, String threatId, String findingId, String investigationId, String at) {
        return template.replace("{threatId}", threatId)
                .replace("{findingId}", findingId)
                .replace("{investigationId}", investigationId)
                .replace("{classifiedAt}", at);
    }

    /** The payload lines, ids and the classification time replaced by placeholders. */
    static List<Template> templates(Path path) throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        List<Template> templates = new ArrayList<>();
        for (String line : Files.readAllLines(path)) {
            JsonNode fields = json.readTree(line);
            String investigation = fields.path("investigation").asString();
            String session = fields.path("session").asString();
            String threatId = idOf(investigation, "threatId");
            String findingId = idOf(investigation, "findingId");
            String investigationId = idOf(session, "investigationId");
            String classifiedAt = textOf(investigation, "classifiedAt");
            UnaryOperator<String> placeholders = s -> s.replace(threatId, "{threatId}")
                    .replace(findingId, "{findingId}")
                    .replace(investigationId, "{investigationId}")
                    .replace(classifiedAt, "{classifiedAt}");
            templates.add(new Template(
                    fields.path("threatType").asString(),
                    fields.path("severity").asString(),
                    placeholders.apply(investigation),
                    placeholders.apply(session),
                    placeholders.apply(fields.path("global").asString())));
        }
        return templates;
    }

    static String idOf(String json, String name) {
        String value = textOf(json, name);
        if (!UUID_TEXT.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " is not a UUID: " + value);
        }
        return value;
    }

    static String textOf(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalArgumentException("no " + name + " in " + json);
        }
        return m.group(1);
    }
}
