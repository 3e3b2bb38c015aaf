package ai.socagent.domain.threat;

import ai.socagent.domain.NameBasedIds;
import ai.socagent.domain.Preconditions;
import ai.socagent.domain.finding.Finding;
import java.time.Instant;
import java.util.UUID;

/**
 * A finding submitted to the agent pipeline.
 *
 * @param threatId our id for this submission (UUID)
 * @param finding the normalised finding
 * @param correlationId ties together every event and log line caused by this submission
 * @param submittedAt when it entered the pipeline
 */
public record Threat(String threatId, Finding finding, String correlationId, Instant submittedAt) {

    /** Namespace of {@link #idFor(Finding)}. */
    public static final UUID ID_NAMESPACE = UUID.fromString("9e4d2c71-6b0a-4f3e-8d25-7a1c0e5b9f63");

    public Threat {
        Preconditions.requireUuid(threatId, "threatId");
        Preconditions.requireNonNull(finding, "finding");
        Preconditions.requireNonBlank(correlationId, "correlationId");
        Preconditions.requireNonNull(submittedAt, "submittedAt");
    }

    /**
     * The threat id derived from the finding id (a version 5 UUID), so that submitting the same
     * finding again addresses the same threat.
     */
    public static String idFor(Finding finding) {
        Preconditions.requireNonNull(finding, "finding");
        return NameBasedIds.uuidV5(ID_NAMESPACE, finding.findingId());
    }

    /** A submission whose threat id is {@link #idFor(Finding)}, correlated by {@code correlationId}. */
    public static Threat forFinding(Finding finding, String correlationId, Instant submittedAt) {
        return new Threat(idFor(finding), finding, correlationId, submittedAt);
    }

    /** A new submission with a random threat id, correlated by {@code correlationId}. */
    public static Threat submit(Finding finding, String correlationId, Instant submittedAt) {
        return new Threat(Preconditions.newId(), finding, correlationId, submittedAt);
    }

    /** A new submission whose correlation id is its own (random) threat id. */
    public static Threat submit(Finding finding, Instant submittedAt) {
        String id = Preconditions.newId();
        return new Threat(id, finding, id, submittedAt);
    }
}
