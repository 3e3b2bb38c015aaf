import ai.socagent.knowledgebase.attack.AttackKnowledge;
import ai.socagent.knowledgebase.attack.Technique;
import ai.socagent.domain.indicator.Indicator;
import ai.socagent.domain.indicator.IndicatorType;
import ai.socagent.domain.indicator.Reputation;
import ai.socagent.knowledgebase.AttackObject;
import ai.socagent.knowledgebase.IntelIndicator;
import ai.socagent.knowledgebase.KnowledgeBase;
import ai.socagent.knowledgebase.adapter.out.lucene.LuceneKnowledgeBase;
import ai.socagent.knowledgebase.adapter.out.opensearch.OpenSearchKnowledgeBase;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Knowledge-base lookup latency, p50/p99 per lookup kind, on the embedded Lucene index (on disk,
 * as the standalone mode runs it) and on OpenSearch; plus the start-up cost of indexing the
 * shipped ATT&CK extract and of the restart that finds the same release already indexed.
 *
 * <p>Loads ATT&CK (691 techniques, 1,051 mitigations/groups/software/campaigns) and 10,000
 * synthetic domain indicators, then times single calls from one thread: warm-up rounds first,
 * then the timed rounds. Run with bench/knowledge-base/run.sh [timed rounds] [OpenSearch URI].
 */
public final class KnowledgeBaseLatencyBench {

    private static final int INDICATORS = 10_000;
    private static final List<String> QUERIES =
            List.of("port scans", "credential dumping", "spearphishing attachment", "web protocols", "valid accounts");
    private static final List<String> OBJECT_QUERIES =
            List.of("cozy bear", "cobalt strike", "multi factor authentication", "mimikatz", "lazarus");
    /** Texts as the ThreatClassifier ranks them: a finding's title, description and finding type. */
    private static final List<String> FINDING_TEXTS = List.of(
            "198.51.100.7 is performing SSH brute force attacks against i-0abc.\n\nUnauthorizedAccess EC2 SSH Brute Force",
            "EC2 instance i-0abc is querying a domain name associated with a known command and control server.\n"
                    + "Queries for evil-c2.example.net from 10.1.2.3\nBackdoor EC2 C&C Activity B DNS",
            "Credential theft\nThe attacker used mimikatz sekurlsa to read credentials from the LSASS process memory.",
            "Suspicious activity\nPowerShell downloaded a payload and created a scheduled task to persist on the host.",
            "An API commonly used to obtain elevated permissions was invoked in an anomalous way.\n"
                    + "PrivilegeEscalation IAMUser Anomalous Behavior");

    private static int rounds;
    private static int warmup;

    public static void main(String[] args) throws IOException {
        rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        warmup = Math.max(1_000, rounds / 2);
        String openSearch = args.length > 1 ? args[1] : System.getenv("SOC_TEST_OPENSEARCH_URI");
        System.out.printf(
                Locale.ROOT,
                "cores=%d java=%s loadavg=%s rounds=%d warmup=%d%n",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"),
                Files.readString(Path.of("/proc/loadavg")).strip(),
                rounds,
                warmup);
        AttackKnowledge attack = AttackKnowledge.embedded();

        Path directory = Files.createTempDirectory("kb-bench");
        try {
            startup("lucene (FSDirectory)", () -> LuceneKnowledgeBase.open(directory), attack);
            try (LuceneKnowledgeBase lucene = LuceneKnowledgeBase.open(directory)) {
                run("lucene (FSDirectory)", lucene, attack);
            }
        } finally {
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }

        if (openSearch == null || openSearch.isBlank()) {
            System.out.println("opensearch: skipped (pass a URI or set SOC_TEST_OPENSEARCH_URI)");
            return;
        }
        OpenSearchKnowledgeBase.Settings settings =
                OpenSearchKnowledgeBase.Settings.of("kb-bench-" + Long.toString(System.nanoTime(), 36));
        URI uri = URI.create(openSearch);
        try {
            startup("opensearch " + openSearch, () -> OpenSearchKnowledgeBase.connect(uri, settings), attack);
            try (OpenSearchKnowledgeBase os = OpenSearchKnowledgeBase.connect(uri, settings)) {
                run("opensearch " + openSearch, os, attack);
            }
        } finally {
            try (OpenSearchKnowledgeBase os = OpenSearchKnowledgeBase.connect(uri, settings)) {
                os.deleteIndices();
            }
        }
    }

    /** First start (index everything) and restart (same release: skip), as the auto-configuration does it. */
    private static void startup(String name, Supplier<KnowledgeBase> open, AttackKnowledge attack) {
        long start = System.nanoTime();
        try (KnowledgeBase kb = open.get()) {
            kb.indexAttackIfChanged(attack);
        }
        long first = System.nanoTime() - start;
        start = System.nanoTime();
        boolean indexedAgain;
        try (KnowledgeBase kb = open.get()) {
            indexedAgain = kb.indexAttackIfChanged(attack);
        }
        long again = System.nanoTime() - start;
        System.out.printf(
                Locale.ROOT,
                "%s start-up: open + index ATT&CK %.0f ms; reopen + same release %s %.0f ms%n",
                name,
                first / 1e6,
                indexedAgain ? "(re-indexed!)" : "skipped",
                again / 1e6);
    }

    private static void run(String name, KnowledgeBase kb, AttackKnowledge attack) {
        List<String> techniqueIds =
                attack.techniques().stream().map(Technique::id).toList();
        List<IntelIndicator> indicators = new ArrayList<>();
        for (int i = 0; i < INDICATORS; i++) {
            indicators.add(new IntelIndicator(
                    Indicator.of(IndicatorType.DOMAIN, "host" + i + ".example.com"),
                    Reputation.MALICIOUS,
                    0.8,
                    "bench",
                    List.of("c2"),
                    null,
                    null,
                    List.of(techniqueIds.get(i % techniqueIds.size()))));
        }
        kb.indexIndicators(indicators);
        Random random = new Random(42);
        System.out.println(name + ": " + techniqueIds.size() + " techniques, "
                + AttackObject.allOf(attack).size() + " other ATT&CK objects, " + INDICATORS + " indicators");
        measure(
                "indicator by value (hit)",
                i -> kb.findIndicator(
                        Indicator.of(IndicatorType.DOMAIN, "host" + random.nextInt(INDICATORS) + ".example.com")));
        measure(
                "indicator by value (miss)",
                i -> kb.findIndicator(
                        Indicator.of(IndicatorType.DOMAIN, "absent" + random.nextInt(INDICATORS) + ".example.org")));
        measure("technique by id", i -> kb.findTechnique(techniqueIds.get(random.nextInt(techniqueIds.size()))));
        measure("full-text techniques (10)", i -> kb.searchTechniques(QUERIES.get(i % QUERIES.size()), 10));
        measure(
                "mitigations for technique",
                i -> kb.mitigationsFor(techniqueIds.get(random.nextInt(techniqueIds.size())), 50));
        measure(
                "groups using technique (50)",
                i -> kb.groupsUsing(techniqueIds.get(random.nextInt(techniqueIds.size())), 50));
        measure(
                "groups using 4 techniques (10)",
                i -> kb.relatedToTechniques(
                        List.of(
                                techniqueIds.get(random.nextInt(techniqueIds.size())),
                                techniqueIds.get(random.nextInt(techniqueIds.size())),
                                techniqueIds.get(random.nextInt(techniqueIds.size())),
                                techniqueIds.get(random.nextInt(techniqueIds.size()))),
                        EnumSet.of(AttackObject.Type.GROUP),
                        10));
        measure("technique ranking (limit 30)", i -> kb.rankTechniques(FINDING_TEXTS.get(i % FINDING_TEXTS.size()), 30));
        measure(
                "technique support (3 ids)",
                i -> kb.rankTechniques(
                        FINDING_TEXTS.get(i % FINDING_TEXTS.size()), List.of("T1110", "T1071.004", "T1003.001")));
        measure(
                "full-text ATT&CK objects (10)",
                i -> kb.searchAttackObjects(OBJECT_QUERIES.get(i % OBJECT_QUERIES.size()), EnumSet.noneOf(AttackObject.Type.class), 10));
    }

    private static void measure(String operation, IntConsumer call) {
        for (int i = 0; i < warmup; i++) {
            call.accept(i);
        }
        long[] nanos = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            call.accept(i);
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf(
                Locale.ROOT,
                "  %-32s p50 %8.3f ms   p99 %8.3f ms%n",
                operation,
                nanos[rounds / 2] / 1e6,
                nanos[(int) (rounds * 0.99)] / 1e6);
    }
}
