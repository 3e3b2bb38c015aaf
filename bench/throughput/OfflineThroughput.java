import ai.socagent.domain.Severity;
import ai.socagent.domain.finding.Finding;
import ai.socagent.domain.finding.FindingFormat;
import ai.socagent.domain.finding.Resource;
import ai.socagent.domain.finding.ResourceType;
import ai.socagent.knowledgebase.adapter.out.lucene.LuceneKnowledgeBase;
import ai.socagent.knowledgebase.attack.AttackKnowledge;
import ai.socagent.services.threatclassifier.adapter.out.knowledgebase.KnowledgeBaseTechniqueSearch;
import ai.socagent.services.threatclassifier.application.offline.GuardDutyTechniqueMapping;
import ai.socagent.services.threatclassifier.application.offline.OfflineThreatClassifier;
import ai.socagent.services.threatclassifier.application.offline.SeverityScorer;
import java.time.Clock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Single-thread throughput of the offline classifier as the standalone mode runs it (classify +
 * severity + IOC extraction, the technique ranking through the port on the embedded Lucene
 * knowledge base in a directory on disk) over a mix of GuardDuty findings (CTID path) and free-text
 * findings (ranking path). Run with bench/throughput/run.sh.
 */
public final class OfflineThroughput {
    public static void main(String[] args) throws Exception {
        Instant now = Instant.parse("2025-01-01T00:00:00Z");
        List<Finding> findings = new ArrayList<>();
        int i = 0;
        for (String line : Files.readAllLines(Path.of("bench/eval/data/guardduty-types.jsonl"))) {
            String type = line.replaceAll(".*\"findingType\": \"([^\"]+)\".*", "$1");
            findings.add(finding(FindingFormat.GUARDDUTY, "gd-" + i++, type, type, "", now));
        }
        List<String> texts = Files.readAllLines(Path.of("bench/eval/data/procedures-heldout.jsonl"));
        for (int j = 0; j < 200; j++) {
            String text = texts.get(j * 13 % texts.size()).replaceAll(".*\"text\": \"(.*)\"}$", "$1");
            findings.add(finding(FindingFormat.PLAIN_THREAT, "api-" + j, "Suspicious activity", text,
                    "Connection to hxxp://evil-example[.]com/payload from 203.0.113.7 and 10.0.0.5", now));
        }
        long buildStart = System.nanoTime();
        Path directory = Files.createTempDirectory("throughput-knowledge-base");
        LuceneKnowledgeBase knowledgeBase = LuceneKnowledgeBase.open(directory);
        knowledgeBase.indexAttackIfChanged(AttackKnowledge.embedded());
        OfflineThreatClassifier classifier = new OfflineThreatClassifier(
                AttackKnowledge.embedded(),
                GuardDutyTechniqueMapping.embedded(),
                new KnowledgeBaseTechniqueSearch(knowledgeBase),
                new SeverityScorer(),
                Clock.systemUTC());
        classifier.classify(findings.get(0));
        System.out.printf(Locale.ROOT, "start-up (load and index ATT&CK on disk, first classification): %d ms%n",
                (System.nanoTime() - buildStart) / 1_000_000);
        for (int warm = 0; warm < 25; warm++) {
            findings.forEach(f -> classifier.analyze(f, SeverityScorer.IntelligenceSignal.NONE));
        }
        int rounds = 15;
        double[] rates = new double[rounds];
        double[] cpuRates = new double[rounds];
        double[] processRates = new double[rounds];
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        for (int r = 0; r < rounds; r++) {
            long start = System.nanoTime();
            long cpuStart = threads.getCurrentThreadCpuTime();
            long processStart = os.getProcessCpuTime();
            findings.forEach(f -> classifier.analyze(f, new SeverityScorer.IntelligenceSignal(1, 0)));
            rates[r] = findings.size() / ((System.nanoTime() - start) / 1e9);
            cpuRates[r] = findings.size() / ((threads.getCurrentThreadCpuTime() - cpuStart) / 1e9);
            processRates[r] = findings.size() / ((os.getProcessCpuTime() - processStart) / 1e9);
        }
        java.util.Arrays.sort(rates);
        java.util.Arrays.sort(cpuRates);
        java.util.Arrays.sort(processRates);
        knowledgeBase.close();
        System.out.printf(Locale.ROOT,
                "%d rounds of %d findings (%d GuardDuty, 200 free text) on one thread: median %.0f findings/s,"
                        + " best %.0f, worst %.0f%n",
                rounds, findings.size(), findings.size() - 200, rates[rounds / 2], rates[rounds - 1], rates[0]);
        // On a shared machine the wall clock counts other processes' time too; the thread's own CPU
        // time does not (findings per CPU-second of the classifying thread, GC threads excluded).
        System.out.printf(Locale.ROOT, "per CPU-second of the classifying thread: median %.0f findings/s, best %.0f%n",
                cpuRates[rounds / 2], cpuRates[rounds - 1]);
        System.out.printf(Locale.ROOT, "per CPU-second of the whole JVM (GC and JIT threads too): median %.0f findings/s%n",
                processRates[rounds / 2]);
    }

    private static Finding finding(FindingFormat format, String id, String type, String title, String description, Instant now) {
        return Finding.builder()
                .format(format)
                .sourceFindingId(id)
                .findingType(type)
                .title(title)
                .description(description)
                .severity(Severity.MEDIUM)
                .sourceSeverityScore(5.0)
                .firstSeen(now)
                .lastSeen(now)
                .resources(List.of(Resource.of(ResourceType.EC2_INSTANCE, "i-0123456789abcdef0", null, null, null,
                        Map.of("env", "prod", "criticality", "high"), Map.of())))
                .rawPayload("{}")
                .receivedAt(now)
                .build();
    }
}
