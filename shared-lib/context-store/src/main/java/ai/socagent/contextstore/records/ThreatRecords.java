package ai.socagent.contextstore.records;

import ai.socagent.contextstore.ContextAlreadyExistsException;
import ai.socagent.contextstore.ContextKeys;
import ai.socagent.contextstore.ContextStore;
import ai.socagent.contextstore.GlobalContextEntry;
import ai.socagent.contextstore.GlobalContextRepository;
import ai.socagent.contextstore.Page;
import ai.socagent.contextstore.PageRequest;
import ai.socagent.contextstore.TimeRange;
import ai.socagent.domain.investigation.Investigation;
import ai.socagent.domain.threat.Threat;
import ai.socagent.domainjson.ContextRecordCodec;
import ai.socagent.domainjson.ContextRecords;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The threats that entered the pipeline, kept twice: as the {@code threat} record of the threat's
 * investigation (found by threat id, for 30 days) and as a {@value #CONTEXT_TYPE} entry of the global
 * context (newest first, by finding type through {@code threat_type-timestamp-index} and by the
 * finding's severity through {@code severity-timestamp-index}, for 7 days), so the API's read model
 * and the agents' correlation read the same threats, whichever service saw them arrive.
 *
 * <p>Recording is idempotent: the first record of a threat stands. Thread-safe.
 */
public final class ThreatRecords {

    /** The global context type of arrived threats. */
    public static final String CONTEXT_TYPE = "threat";

    private static final TimeRange ALL_TIME =
            TimeRange.between(Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59Z"));

    private final GlobalContextRepository global;
    private final InvestigationRecords investigations;
    private final ContextRecordCodec<Threat> codec = ContextRecordCodec.of(ContextRecords.THREAT);

    public ThreatRecords(ContextStore store) {
        Objects.requireNonNull(store, "store");
        this.global = store.global();
        this.investigations = new InvestigationRecords(store);
    }

    /**
     * Records that a threat arrived, in its investigation first (so that once this returns the threat
     * is found by id) and then in the global list. The first arrival stands: a threat that arrives
     * again (a retry, a redelivery, the other service that saw it) changes nothing, and the list entry
     * of the first arrival is (re)made, so a crash between the two writes leaves nothing unlisted.
     *
     * @param agentId the service that saw it arrive
     * @return the threat as kept: this one, or the first arrival of the same threat
     */
    public Threat recordArrival(Threat threat, String agentId) {
        Objects.requireNonNull(threat, "threat");
        // Encoded once for both writes: the threat is the largest record, its encoding the costliest.
        String payload = codec.encode(threat);
        boolean first = investigations.putEncodedIfAbsent(
                Investigation.idForThreat(threat.threatId()), ContextRecords.THREAT, agentId, payload);
        Threat kept = first ? threat : find(threat.threatId()).orElse(threat);
        try {
            global.create(GlobalContextEntry.of(
                    CONTEXT_TYPE,
                    kept.submittedAt(),
                    kept.threatId(),
                    ContextKeys.keyForm(kept.finding().findingType()),
                    kept.finding().severity().name(),
                    kept == threat ? payload : codec.encode(kept)));
        } catch (ContextAlreadyExistsException listedBefore) {
            // the usual case for a threat that arrived before
        }
        return kept;
    }

    /** The threat with this id, while its investigation is kept. */
    public Optional<Threat> find(String threatId) {
        return investigations
                .first(Investigation.idForThreat(threatId), ContextRecords.THREAT)
                .map(StoredRecord::value);
    }

    /**
     * The threats that arrived in the last seven days, newest first.
     *
     * @param cursor the {@link Page#nextCursor()} of the previous page, or empty for the first
     */
    public Page<Threat> newest(int limit, Optional<String> cursor) {
        PageRequest request = new PageRequest(limit, cursor.orElse(null), true);
        Page<GlobalContextEntry> page = global.findByContextType(CONTEXT_TYPE, ALL_TIME, request);
        return new Page<>(
                page.items().stream()
                        .map(entry -> codec.decode(entry.payload()))
                        .toList(),
                page.nextCursor());
    }
}
