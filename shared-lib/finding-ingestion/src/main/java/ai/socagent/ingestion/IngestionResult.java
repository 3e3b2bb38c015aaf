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
 * @param rawPayloads the text each finding was read from, verbatim, in the same order: what its
 *     {@link Finding#rawPayload() reference} names, for the caller to keep as evidence
 */
public record IngestionResult(FindingFormat format, List<Finding> findings, List<String> rawPayloads) {

    public IngestionResult {
        Objects.requireNonNull(format, "format must not be null");
        findings = List.copyOf(Objects.requireNonNull(findings, "findings must not be null"));
        rawPayloads = List.copyOf(Objects.requireNonNull(rawPayloads, "rawPayloads must not be null"));
        if (findings.isEmpty()) {
            throw new IllegalArgumentException("an ingestion result holds at least one finding");
        }
        if (rawPayloads.size() != findings.size()) {
            throw new IllegalArgumentException(
                    findings.size() + " findings but " + rawPayloads.size() + " raw payloads");
        }
        for (int i = 0; i < findings.size(); i++) {
            if (!findings.get(i).rawPayload().matches(rawPayloads.get(i))) {
                throw new IllegalArgumentException("raw payload " + i + " is not the one finding " + i + " names");
            }
        }
    }

    /** The verbatim text {@code finding} (one of {@link #findings()}) was read from. */
    public String rawPayloadOf(Finding finding) {
        int index = findings.indexOf(finding);
        if (index < 0) {
            throw new IllegalArgumentException("finding " + finding.findingId() + " is not of this payload");
        }
        return rawPayloads.get(index);
    }
}
