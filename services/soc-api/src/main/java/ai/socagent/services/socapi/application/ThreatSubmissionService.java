package ai.socagent.services.socapi.application;

import ai.socagent.domain.Preconditions;
import ai.socagent.domain.event.ThreatSubmitted;
import ai.socagent.domain.finding.Finding;
import ai.socagent.domain.threat.Threat;
import ai.socagent.ingestion.FindingIngestion;
import ai.socagent.ingestion.IngestionResult;
import ai.socagent.services.socapi.application.port.in.SubmissionReceipt;
import ai.socagent.services.socapi.application.port.in.SubmitFindingUseCase;
import ai.socagent.services.socapi.application.port.out.ThreatRecordPort;
import ai.socagent.services.socapi.application.port.out.ThreatSubmissionPort;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Validates and normalises a finding, keeps one threat per finding, and only then submits them to the
 * pipeline.
 *
 * <p>The threat id is derived from the finding id, so a finding that arrives twice (GuardDuty
 * re-reports an ongoing finding, a client retries) is the same threat, not a new one. Every
 * submission gets a fresh correlation id that follows it through the pipeline.
 *
 * <p>Order is the promise of the 202: every threat of the payload is kept with its raw payload
 * ({@link ThreatRecordPort}, durable once it returns) before the first is published — events carry
 * the normalised finding and a reference to the payload, never the payload itself — and the answer waits for the publisher. A
 * crash in between leaves threats kept but not published and no answer given; the client's retry
 * finds them kept and publishes them again, as the same events.
 */
public final class ThreatSubmissionService implements SubmitFindingUseCase {

    private final FindingIngestion ingestion;
    private final ThreatRecordPort records;
    private final ThreatSubmissionPort pipeline;
    private final Clock clock;

    public ThreatSubmissionService(
            FindingIngestion ingestion, ThreatRecordPort records, ThreatSubmissionPort pipeline, Clock clock) {
        this.ingestion = Objects.requireNonNull(ingestion, "ingestion");
        this.records = Objects.requireNonNull(records, "records");
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public SubmissionReceipt submit(byte[] payload) {
        Instant receivedAt = clock.instant();
        IngestionResult result = ingestion.ingest(payload, receivedAt);
        String correlationId = Preconditions.newId();
        List<Threat> threats = new ArrayList<>(result.findings().size());
        for (Finding finding : result.findings()) {
            threats.add(records.record(
                    Threat.forFinding(finding, correlationId, receivedAt), result.rawPayloadOf(finding)));
        }
        for (Threat threat : threats) {
            // the same event id for every submission of a threat: the pipeline handles it once
            pipeline.submit(ThreatSubmitted.of(threat, receivedAt));
        }
        return new SubmissionReceipt(result.format(), threats);
    }

    @Override
    public long maxPayloadBytes() {
        return ingestion.limits().maxPayloadBytes();
    }
}
