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

/**
 * What the knowledge base loads when the application starts: the shipped ATT&CK extract (unless
 * that very extract, same release and content, is already indexed) and the configured feeds. Runs once, synchronously, when the
 * bean is created, so the application is not ready before its knowledge base is.
 */
public final class KnowledgeBaseStartup {

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

    private final Report report;

    private KnowledgeBaseStartup(Report report) {
        this.report = report;
    }

    /**
     * Loads what {@code properties} asks for into {@code knowledgeBase}.
     *
     * @throws IllegalStateException when a feed is missing, unreadable or of an unknown format
     */
    public static KnowledgeBaseStartup run(
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
        return new KnowledgeBaseStartup(
                new Report(release, indexed, attackTime, feeds, Duration.ofNanos(System.nanoTime() - start)));
    }

    /** What the start-up loaded. */
    public Report report() {
        return report;
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
