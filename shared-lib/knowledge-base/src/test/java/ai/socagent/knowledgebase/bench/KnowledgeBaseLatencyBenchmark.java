package ai.socagent.knowledgebase.bench;

import ai.socagent.agentruntime.attack.AttackKnowledge;
import ai.socagent.agentruntime.attack.Technique;
import ai.socagent.domain.indicator.Indicator;
import ai.socagent.domain.indicator.IndicatorType;
import ai.socagent.domain.indicator.Reputation;
import ai.socagent.knowledgebase.IntelIndicator;
import ai.socagent.knowledgebase.KnowledgeBase;
import ai.socagent.knowledgebase.adapter.out.lucene.LuceneKnowledgeBase;
import ai.socagent.knowledgebase.adapter.out.opensearch.OpenSearchKnowledgeBase;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.IntConsumer;

/**
 * Knowledge-base lookup latency, p50/p99, on the embedded Lucene index and on OpenSearch. Not a
 * test (surefire does not run it); see the module README for how to run it and recorded figures.
 *
 * <p>Loads the ATT&CK techniques and 10,000 synthetic indicators, warms up, then times single
 * calls of findIndicator (hits and misses), findTechnique and searchTechniques from one thread.
 */
public final class KnowledgeBaseLatencyBenchmark {

    private static final int INDICATORS = 10_000;
    private static final int WARMUP = 2_000;
    private static final int ROUNDS = 5_000;
    private static final List<String> QUERIES =
            List.of("port scans", "credential dumping", "spearphishing attachment", "web protocols", "valid accounts");

    private KnowledgeBaseLatencyBenchmark() {}

    public static void main(String[] args) {
        String openSearch = args.length > 0 ? args[0] : System.getenv("SOC_TEST_OPENSEARCH_URI");
        try (LuceneKnowledgeBase lucene = LuceneKnowledgeBase.inMemory()) {
            run("lucene (in memory)", lucene);
        }
        if (openSearch == null || openSearch.isBlank()) {
            System.out.println("opensearch: skipped (pass a URI or set SOC_TEST_OPENSEARCH_URI)");
            return;
        }
        OpenSearchKnowledgeBase os = OpenSearchKnowledgeBase.connect(
                URI.create(openSearch),
                OpenSearchKnowledgeBase.Settings.of("kb-bench-" + Long.toString(System.nanoTime(), 36)));
        try (os) {
            try {
                run("opensearch " + openSearch, os);
            } finally {
                os.deleteIndices();
            }
        }
    }

    private static void run(String name, KnowledgeBase kb) {
        AttackKnowledge attack = AttackKnowledge.embedded();
        List<String> techniqueIds =
                attack.techniques().stream().map(Technique::id).toList();
        kb.indexAttack(attack);
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
        System.out.println(name + ": " + techniqueIds.size() + " techniques, " + INDICATORS + " indicators");
        measure(
                "findIndicator (hit)",
                i -> kb.findIndicator(
                        Indicator.of(IndicatorType.DOMAIN, "host" + random.nextInt(INDICATORS) + ".example.com")));
        measure(
                "findIndicator (miss)",
                i -> kb.findIndicator(
                        Indicator.of(IndicatorType.DOMAIN, "absent" + random.nextInt(INDICATORS) + ".example.org")));
        measure("findTechnique", i -> kb.findTechnique(techniqueIds.get(random.nextInt(techniqueIds.size()))));
        measure("searchTechniques (10)", i -> kb.searchTechniques(QUERIES.get(i % QUERIES.size()), 10));
    }

    private static void measure(String operation, IntConsumer call) {
        for (int i = 0; i < WARMUP; i++) {
            call.accept(i);
        }
        long[] nanos = new long[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            long start = System.nanoTime();
            call.accept(i);
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf(
                Locale.ROOT,
                "  %-24s p50 %8.3f ms   p99 %8.3f ms%n",
                operation,
                nanos[ROUNDS / 2] / 1e6,
                nanos[(int) (ROUNDS * 0.99)] / 1e6);
    }
}
