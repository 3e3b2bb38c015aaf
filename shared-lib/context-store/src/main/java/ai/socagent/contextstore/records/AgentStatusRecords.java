package ai.socagent.contextstore.records;

import ai.socagent.contextstore.AgentContextEntry;
import ai.socagent.contextstore.AgentContextRepository;
import ai.socagent.contextstore.ContextAlreadyExistsException;
import ai.socagent.contextstore.ContextStore;
import ai.socagent.contextstore.ContextVersionConflictException;
import ai.socagent.contextstore.PageRequest;
import ai.socagent.contextstore.TimeRange;
import ai.socagent.domain.agent.AgentName;
import ai.socagent.domain.agent.AgentStatus;
import ai.socagent.domainjson.ContextRecordCodec;
import ai.socagent.domainjson.ContextRecords;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agents' status reports in AgentContextTable: one entry per agent instance in the agent's
 * partition, session {@value #SESSION}, keyed by the instance's start, replaced by every report of
 * the instance (each write renews the table's TTL, so the entry of an instance that stopped reporting
 * ages out a day later). Readers take the newest-started instances of an agent, a bounded page.
 *
 * <p>Thread-safe; one instance of this class per reporting process (it remembers the version of the
 * entries it wrote).
 */
public final class AgentStatusRecords {

    /** The session of the status entries in an agent's partition. */
    public static final String SESSION = "status";

    private static final TimeRange ALL_TIME =
            TimeRange.between(Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59Z"));

    private final AgentContextRepository agents;
    private final ContextRecordCodec<AgentStatus> codec = ContextRecordCodec.of(ContextRecords.AGENT_STATUS);
    private final Map<String, AgentContextEntry> written = new ConcurrentHashMap<>();

    public AgentStatusRecords(ContextStore store) {
        this.agents = Objects.requireNonNull(store, "store").agents();
    }

    /**
     * Keeps {@code status} as its instance's latest report: the first report of an instance creates
     * its entry (a millisecond later when another instance of the agent started at the same
     * instant), the next ones replace it.
     */
    public void publish(AgentStatus status) {
        Objects.requireNonNull(status, "status");
        String instance = status.agent().name() + '\u0000' + status.instanceId();
        String payload = codec.encode(status);
        written.compute(instance, (key, previous) -> {
            if (previous != null) {
                try {
                    // null expiry: the table's TTL from now, renewed by every report
                    return agents.update(previous.withPayload(payload).withExpiresAt(null));
                } catch (ContextVersionConflictException expiredOrReplaced) {
                    // gone (expired while this instance was stalled): reported anew below
                }
            }
            return create(status, payload);
        });
    }

    private AgentContextEntry create(AgentStatus status, String payload) {
        Instant at = status.startedAt();
        for (int attempt = 0; ; attempt++) {
            try {
                return agents.create(AgentContextEntry.of(status.agent().displayName(), SESSION, at, payload));
            } catch (ContextAlreadyExistsException sameInstant) {
                if (attempt >= 100) {
                    throw sameInstant;
                }
                at = at.plusMillis(1);
            }
        }
    }

    /** The latest reports of up to {@code limit} instances of {@code agent}, the newest-started first. */
    public List<AgentStatus> latest(AgentName agent, int limit) {
        return agents
                .findBySession(agent.displayName(), SESSION, ALL_TIME, PageRequest.newestFirst(limit))
                .items()
                .stream()
                .map(entry -> codec.decode(entry.payload()))
                .toList();
    }
}
