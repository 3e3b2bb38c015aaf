package ai.socagent.ingestion;

import ai.socagent.domain.finding.Finding;
import ai.socagent.domain.finding.FindingFormat;
import java.util.List;
import java.util.Objects;

/**
 * The findings of one accepted payload.
 *
 * @param format the detected wire format
 * @param findings the findings, in payload order; one for every format except ASFF batches and
 *     Security Hub events, which may carry up to {@link IngestionLimits#maxFindingsPerPayload()}
 */
public record IngestionResult(FindingFormat format, List<Finding> findings) {

    public IngestionResult {
        Objects.requireNonNull(format, "format must not be null");
        findings = List.copyOf(Objects.requireNonNull(findings, "findings must not be null"));
        if (findings.isEmpty()) {
            throw new IllegalArgumentException("an ingestion result holds at least one finding");
        }
    }
}
