package ai.socagent.services.standalone.adapter.in.samples;

import ai.socagent.ingestion.FindingRejectedException;
import ai.socagent.ingestion.SampleFindings;
import ai.socagent.services.socapi.application.port.in.SubmissionReceipt;
import ai.socagent.services.socapi.application.port.in.SubmitFindingUseCase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

/**
 * Submits the sample findings bundled with finding-ingestion (one GuardDuty finding per type,
 * ASFF, OCSF and plain threats) through the same use case as the REST API, once at start-up,
 * so a newcomer sees findings flow without sending any.
 */
public final class SampleFindingReplay implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(SampleFindingReplay.class);

    private final SubmitFindingUseCase submitFinding;
    private volatile ReplaySummary lastReplay = new ReplaySummary(Map.of(), 0, List.of());

    public SampleFindingReplay(SubmitFindingUseCase submitFinding) {
        this.submitFinding = submitFinding;
    }

    @Override
    public void run(ApplicationArguments args) {
        lastReplay = replay();
        log.info(
                "Replayed {} sample files: {} threats submitted by format {}; {} rejected {}",
                lastReplay.files(),
                lastReplay.threatCount(),
                lastReplay.threatsByFormat(),
                lastReplay.rejected().size(),
                lastReplay.rejected());
    }

    /** Submits every bundled sample; a rejected sample is reported, not fatal. */
    public ReplaySummary replay() {
        List<String> samples = SampleFindings.paths();
        Map<String, Integer> threatsByFormat = new TreeMap<>();
        List<String> rejected = new ArrayList<>();
        for (String sample : samples) {
            try {
                SubmissionReceipt receipt = submitFinding.submit(SampleFindings.read(sample));
                threatsByFormat.merge(receipt.format().name(), receipt.threats().size(), Integer::sum);
            } catch (FindingRejectedException e) {
                rejected.add(sample + ": " + e.getMessage());
            }
        }
        return new ReplaySummary(threatsByFormat, samples.size(), rejected);
    }

    public ReplaySummary lastReplay() {
        return lastReplay;
    }

    /** What one replay did: threats accepted per detected format, files read, samples rejected. */
    public record ReplaySummary(Map<String, Integer> threatsByFormat, int files, List<String> rejected) {
        public ReplaySummary {
            threatsByFormat = Map.copyOf(threatsByFormat);
            rejected = List.copyOf(rejected);
        }

        public int threatCount() {
            return threatsByFormat.values().stream().mapToInt(Integer::intValue).sum();
        }
    }
}
