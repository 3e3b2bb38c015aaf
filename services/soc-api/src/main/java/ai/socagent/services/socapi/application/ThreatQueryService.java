package ai.socagent.services.socapi.application;

import ai.socagent.domain.threat.Threat;
import ai.socagent.services.socapi.application.port.in.QueryThreatsUseCase;
import ai.socagent.services.socapi.application.port.out.ThreatReadModelPort;
import ai.socagent.services.socapi.domain.ThreatView;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/** Answers the threat queries from the shared read model, never from this instance's memory. */
public final class ThreatQueryService implements QueryThreatsUseCase {

    /** Cap on how many threats one query returns. */
    public static final int MAX_QUERY_LIMIT = 500;

    private static final Pattern THREAT_ID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final ThreatReadModelPort readModel;

    public ThreatQueryService(ThreatReadModelPort readModel) {
        this.readModel = Objects.requireNonNull(readModel, "readModel");
    }

    @Override
    public Optional<ThreatView> findThreat(String threatId) {
        // Threat ids are UUIDs: anything else names no threat (a 404), it is no reason to fail.
        return THREAT_ID.matcher(threatId).matches() ? readModel.find(threatId) : Optional.empty();
    }

    @Override
    public List<Threat> recentThreats(int limit) {
        if (limit < 1 || limit > MAX_QUERY_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_QUERY_LIMIT + ", was " + limit);
        }
        return readModel.newest(limit);
    }
}
