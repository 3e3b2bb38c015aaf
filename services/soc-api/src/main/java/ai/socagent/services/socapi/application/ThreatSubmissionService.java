package ai.socagent.services.socapi.application;

import ai.socagent.domain.event.DomainEvent;
import ai.socagent.domain.event.ThreatSubmitted;
import ai.socagent.domain.finding.Finding;
import ai.socagent.domain.threat.Threat;
import ai.socagent.ingestion.FindingIngestion;
import ai.socagent.ingestion.IngestionResult;
import ai.socagent.services.socapi.application.port.in.QueryThreatsUseCase;
import ai.socagent.services.socapi.application.port.in.SubmitFindingUseCase;
import ai.socagent.services.socapi.application.port.out.PipelineActivityPort;
import ai.socagent.services.socapi.application.port.out.ThreatLookupPort;
import ai.socagent.services.socapi.application.port.out.ThreatSubmissionPort;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Validates and normalises a finding, then submits one threat per finding.
 *
 * <p>The threat id is derived from the finding id, so a finding that arrives twice (GuardDuty
 * re-reports an ongoing finding, a client retries) is the same threat, not a new one. Every
 * submission gets a fresh correlation id that follows it through the pipeline.
 */
public final class ThreatSubmissionService implements SubmitFindingUseCase, QueryThreatsUseCase {

    /** Cap on how many threats one query returns. */
    public static final int MAX_QUERY_LIMIT = 500;

    private final FindingIngestion ingestion;
    private final List<ThreatSubmissionPort> submissions;
    private final ThreatLookupPort lookup;
    private final PipelineActivityPort activity;
    private final Clock clock;

    /**
     * @param submissions where each submitted threat goes, in order (the threat log first, so a
     *     threat can be read back before the pipeline reports on it; then the bus)
     */
    public ThreatSubmissionService(
            FindingIngestion ingestion,
            List<ThreatSubmissionPort> submissions,
            ThreatLookupPort lookup,
            PipelineActivityPort activity,
            Clock clock) {
        this.ingestion = ingestion;
        this.submissions = List.copyOf(submissions);
        this.lookup = lookup;
        this.activity = activity;
        this.clock = clock;
    }

    @Override
    public SubmissionReceipt submit(byte[] payload) {
        Instant receivedAt = clock.instant();
        IngestionResult result = ingestion.ingest(payload, receivedAt);
        String correlationId = UUID.randomUUID().toString();
        List<Threat> threats = new ArrayList<>(result.findings().size());
        for (Finding finding : result.findings()) {
            Threat threat = Threat.forFinding(finding, correlationId, receivedAt);
            ThreatSubmitted submitted = ThreatSubmitted.of(threat, receivedAt);
            submissions.forEach(port -> port.submit(submitted));
            threats.add(threat);
        }
        return new SubmissionReceipt(result.format(), threats);
    }

    @Override
    public Optional<Threat> findThreat(String threatId) {
        return lookup.findById(threatId);
    }

    @Override
    public List<Threat> recentThreats(int limit) {
        if (limit < 1 || limit > MAX_QUERY_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_QUERY_LIMIT + ", was " + limit);
        }
        return lookup.newest(limit);
    }

    @Override
    public List<DomainEvent> activityOf(String threatId) {
        return activity.activityOf(threatId);
    }
}
