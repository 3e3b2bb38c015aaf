package ai.socagent.knowledgebase.config;

import ai.socagent.knowledgebase.KnowledgeBase;
import ai.socagent.knowledgebase.TechniqueDocument;
import ai.socagent.knowledgebase.attack.AttackKnowledge;
import ai.socagent.knowledgebase.feed.CsvFeedLoader;
import ai.socagent.knowledgebase.feed.FeedLoadResult;
import ai.socagent.knowledgebase.feed.StixBundleLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;
import org.springframework.context.SmartLifecycle;

/**
 * What the knowledge base loads when the application starts: the shipped ATT&CK extract (unless
 * that very extract, same release and content, is already indexed) and the configured feeds.
 *
 * <p>A {@link SmartLifecycle} of phase {@link #PHASE}: creating the bean loads nothing; the context's
 * refresh runs the load once, synchronously, before the buses start delivering (the in-process bus
 * and the SQS consumers start in later phases) and before the web server takes requests, so no
 * finding is classified against an empty index and the application is not ready before its
 * knowledge base is. A failed load fails the start-up.
 */
public final class KnowledgeBaseStartup implements SmartLifecycle {

    /** Before the event bus ({@code DEFAULT_PHASE - 4096}) and the web server ({@code DEFAULT_PHASE - 1024}). */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 8192;

    private static final System.Logger LOG = System.getLogger(KnowledgeBaseStartup.class.getName());
    private static final int PROBLEMS_LOGGED = 5;

    /**
     * What one feed gave.
     *
     * @param path the feed file
     * @param result indicators, techniques and problems read from it
     */
    public record FeedLoad(Path path, FeedLoadResult result) {}

    /**
     * What the start-up did.
     *
     * @param attackRelease the ATT&CK release indexed now or before, empty when ATT&CK loading is off
     * @param attackIndexed true when the extract was indexed now, false when skipped (same release
     *     already indexed, or loading off)
     * @param attackTime time spent on ATT&CK (reading the extract, checking and indexing)
     * @param feeds the feeds loaded, in order
     * @param feedTime time spent on the feeds
     */
    public record Report(
            String attackRelease,
            boolean attackIndexed,
            Duration attackTime,
            List<FeedLoad> feeds,
            Duration feedTime) {}

    private final KnowledgeBase knowledgeBase;
    private final KnowledgeBaseProperties properties;
    private final Supplier<AttackKnowledge> attack;
    private volatile Report report;
    private volatile boolean running;

    private KnowledgeBaseStartup(
            KnowledgeBase knowledgeBase, KnowledgeBaseProperties properties, Supplier<AttackKnowledge> attack) {
        this.knowledgeBase = Objects.requireNonNull(knowledgeBase, "knowledgeBase");
        this.properties = Objects.requireNonNull(properties, "properties");
        this.attack = Objects.requireNonNull(attack, "attack");
    }

    /** The load of what {@code properties} asks for into {@code knowledgeBase}, run by {@link #start()}. */
    public static KnowledgeBaseStartup of(
            KnowledgeBase knowledgeBase, KnowledgeBaseProperties properties, Supplier<AttackKnowledge> attack) {
        return new KnowledgeBaseStartup(knowledgeBase, properties, attack);
    }

    /**
     * Loads now, outside a Spring context.
     *
     * @throws IllegalStateException when a feed is missing, unreadable or of an unknown format
     */
    public static KnowledgeBaseStartup run(
            KnowledgeBase knowledgeBase, KnowledgeBaseProperties properties, Supplier<AttackKnowledge> attack) {
        KnowledgeBaseStartup startup = of(knowledgeBase, properties, attack);
        startup.start();
        return startup;
    }

    /**
     * Loads once (a restarted context finds ATT&CK indexed and skips it).
     *
     * @throws IllegalStateException when a feed is missing, unreadable or of an unknown format
     */
    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        report = load(knowledgeBase, properties, attack);
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    private static Report load(
            KnowledgeBase knowledgeBase, KnowledgeBaseProperties properties, Supplier<AttackKnowledge> attack) {
        long start = System.nanoTime();
        String release = "";
        String version = "";
        boolean indexed = false;
        if (properties.loadAttackOnStartup()) {
            AttackKnowledge extract = attack.get();
            release = extract.source();
            version = extract.version();
            indexed = knowledgeBase.indexAttackIfChanged(extract);
        }
        Duration attackTime = Duration.ofNanos(System.nanoTime() - start);
        if (properties.loadAttackOnStartup()) {
            LOG.log(
                    Level.INFO,
                    "Knowledge base: ATT&CK {0} {1} in {2} ms",
                    version,
                    indexed ? "indexed" : "already indexed, skipped",
                    attackTime.toMillis());
        }
        start = System.nanoTime();
        List<FeedLoad> feeds = new ArrayList<>();
        for (Path path : properties.feeds()) {
            FeedLoadResult result = read(path);
            knowledgeBase.indexIndicators(result.indicators());
            // A feed's attack-pattern objects only add techniques ATT&CK does not have.
            List<TechniqueDocument> unknown = result.techniques().stream()
                    .filter(t -> knowledgeBase.findTechnique(t.id()).isEmpty())
                    .toList();
            knowledgeBase.indexTechniques(unknown);
            feeds.add(new FeedLoad(path, result));
            LOG.log(
                    result.problems().isEmpty() ? Level.INFO : Level.WARNING,
                    "Knowledge base: feed {0}: {1} indicators, {2} new techniques, {3} records not loaded{4}",
                    path,
                    result.indicators().size(),
                    unknown.size(),
                    result.problems().size(),
                    result.problems().isEmpty()
                            ? ""
                            : ", first: "
                                    + result.problems()
                                            .subList(
                                                    0,
                                                    Math.min(
                                                            PROBLEMS_LOGGED,
                                                            result.problems().size())));
        }
        return new Report(release, indexed, attackTime, feeds, Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * What the start-up loaded.
     *
     * @throws IllegalStateException before the load ran
     */
    public Report report() {
        Report loaded = report;
        if (loaded == null) {
            throw new IllegalStateException("the knowledge base has not been loaded yet (the context has not started)");
        }
        return loaded;
    }

    private static FeedLoadResult read(Path path) {
        Objects.requireNonNull(path, "feed path");
        String name = path.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        try {
            if (lower.endsWith(".json")) {
                try (InputStream in = Files.newInputStream(path)) {
                    return StixBundleLoader.load(in, name);
                }
            }
            if (lower.endsWith(".csv")) {
                try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                    return CsvFeedLoader.load(in, name);
                }
            }
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            throw new IllegalStateException("Cannot load the knowledge-base feed " + path + ": " + e.getMessage(), e);
        }
        throw new IllegalStateException("Unknown knowledge-base feed format of " + path
                + ": expected a STIX bundle (.json) or a CSV feed (.csv)");
    }
}
