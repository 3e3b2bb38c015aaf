package ai.socagent.contextstore.records;

import ai.socagent.contextstore.Evidence;
import ai.socagent.contextstore.EvidenceRetainedException;
import ai.socagent.contextstore.EvidenceStore;
import ai.socagent.domain.finding.Finding;
import ai.socagent.domain.finding.RawPayloadReference;
import ai.socagent.domain.investigation.Investigation;
import ai.socagent.domain.threat.Threat;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The original payloads of findings, kept once as evidence of their threat's investigation (the
 * claim check of {@link RawPayloadReference}): S3 with object lock in the aws mode, a local directory
 * in the standalone. Whoever sees a finding arrive keeps its payload before anything refers to it;
 * everything after reads it back by the finding's reference, checked against its SHA-256.
 */
public final class RawFindings {

    private final EvidenceStore evidence;

    public RawFindings(EvidenceStore evidence) {
        this.evidence = Objects.requireNonNull(evidence, "evidence");
    }

    /**
     * Keeps {@code payload}, the text {@code finding} was read from. The evidence id is derived from
     * the content, so keeping the same payload again (a retry, the other service) keeps it once.
     *
     * @throws IllegalArgumentException the payload is not the one the finding names
     */
    public void keep(Finding finding, String payload) {
        RawPayloadReference reference = finding.rawPayload();
        if (!reference.matches(payload)) {
            throw new IllegalArgumentException("the payload is not the one finding " + finding.findingId() + " names");
        }
        try {
            evidence.put(new Evidence(
                    investigationOf(finding),
                    reference.evidenceId(),
                    payload.getBytes(StandardCharsets.UTF_8),
                    "application/json",
                    Map.of(
                            "finding-id",
                            finding.findingId(),
                            "format",
                            finding.format().name())));
        } catch (EvidenceRetainedException keptBefore) {
            // same evidence id, so the same content: kept by an earlier arrival
        }
    }

    /** The payload {@code finding} was read from, while its evidence is kept. */
    public Optional<String> load(Finding finding) {
        return evidence.get(investigationOf(finding), finding.rawPayload().evidenceId())
                .map(stored -> new String(stored.content(), StandardCharsets.UTF_8));
    }

    private static String investigationOf(Finding finding) {
        return Investigation.idForThreat(Threat.idFor(finding));
    }
}
