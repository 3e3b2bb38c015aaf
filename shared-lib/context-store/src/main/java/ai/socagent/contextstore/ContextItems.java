package ai.socagent.contextstore;

import static ai.socagent.contextstore.ContextTables.AGENT_ID;
import static ai.socagent.contextstore.ContextTables.AGENT_ID_TIMESTAMP;
import static ai.socagent.contextstore.ContextTables.CONTEXT_LEVEL;
import static ai.socagent.contextstore.ContextTables.CONTEXT_LEVEL_TIMESTAMP;
import static ai.socagent.contextstore.ContextTables.CONTEXT_TYPE;
import static ai.socagent.contextstore.ContextTables.EXPIRES_AT;
import static ai.socagent.contextstore.ContextTables.INVESTIGATION_ID;
import static ai.socagent.contextstore.ContextTables.PAYLOAD;
import static ai.socagent.contextstore.ContextTables.SESSION_ID;
import static ai.socagent.contextstore.ContextTables.SESSION_ID_TIMESTAMP;
import static ai.socagent.contextstore.ContextTables.SEVERITY;
import static ai.socagent.contextstore.ContextTables.THREAT_TYPE;
import static ai.socagent.contextstore.ContextTables.TIMESTAMP;
import static ai.socagent.contextstore.ContextTables.VERSION;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The items as attribute maps (number attributes as decimal text): what the embedded store keeps,
 * what the item-size check measures, and the rules both implementations share for expiry.
 */
public final class ContextItems {

    /**
     * DynamoDB's documented item limit, 400 KB, taken as 400,000 bytes (attribute names included).
     * Deliberately the strictest reading: DynamoDB itself accepts up to about 409,600 bytes and moto
     * up to 405,000, so an item we accept is accepted by both, and the refusal is always ours, typed.
     */
    public static final long MAX_ITEM_BYTES = 400_000;

    private ContextItems() {}

    /** The expiry to store: the entry's own, or the table's TTL from now; whole epoch seconds. */
    public static Instant expiry(Instant requested, ContextTables.Table table, Clock clock) {
        Instant at = requested != null ? requested : clock.instant().plus(table.timeToLive());
        return Instant.ofEpochSecond(at.getEpochSecond());
    }

    /** Expired items are absent: DynamoDB deletes them late (moto never does). */
    public static boolean isExpired(long expiresAtEpochSecond, Clock clock) {
        return expiresAtEpochSecond <= clock.instant().getEpochSecond();
    }

    /**
     * Refuses an item over {@link #MAX_ITEM_BYTES}, measured as DynamoDB does (UTF-8 names plus
     * values; numbers counted as their decimal text, an over-estimate), before anything is written.
     */
    public static void requireWithinItemLimit(String tableName, Map<String, String> item) {
        long size = 0;
        for (var attribute : item.entrySet()) {
            size += attribute.getKey().getBytes(StandardCharsets.UTF_8).length;
            size += attribute.getValue().getBytes(StandardCharsets.UTF_8).length;
        }
        if (size > MAX_ITEM_BYTES) {
            throw new ContextItemTooLargeException(tableName, describeKey(item), size, MAX_ITEM_BYTES);
        }
    }

    private static String describeKey(Map<String, String> item) {
        for (var table : ContextTables.all()) {
            if (item.containsKey(table.partitionKey()) && item.containsKey(table.sortKey())) {
                return key(item.get(table.partitionKey()), item.get(table.sortKey()));
            }
        }
        return "(unknown key)";
    }

    public static String key(String partition, String sort) {
        return "[" + partition + ", " + sort + "]";
    }

    public static Map<String, String> toItem(GlobalContextEntry e) {
        Map<String, String> item = new LinkedHashMap<>();
        item.put(CONTEXT_TYPE, e.contextType());
        item.put(TIMESTAMP, e.sortKey());
        if (e.threatType() != null) {
            item.put(THREAT_TYPE, e.threatType());
        }
        if (e.severity() != null) {
            item.put(SEVERITY, e.severity());
        }
        putCommon(item, e.payload(), e.version(), e.expiresAt());
        return item;
    }

    public static GlobalContextEntry toGlobal(Map<String, String> item) {
        return new GlobalContextEntry(
                item.get(CONTEXT_TYPE),
                ContextKeys.instantOf(item.get(TIMESTAMP)),
                ContextKeys.idOf(item.get(TIMESTAMP)),
                item.get(THREAT_TYPE),
                item.get(SEVERITY),
                item.get(PAYLOAD),
                Long.parseLong(item.get(VERSION)),
                Instant.ofEpochSecond(Long.parseLong(item.get(EXPIRES_AT))));
    }

    public static Map<String, String> toItem(InvestigationContextEntry e) {
        Map<String, String> item = new LinkedHashMap<>();
        item.put(INVESTIGATION_ID, e.investigationId());
        item.put(CONTEXT_LEVEL_TIMESTAMP, ContextKeys.composite(e.contextLevel(), e.timestamp()));
        item.put(AGENT_ID_TIMESTAMP, ContextKeys.composite(e.agentId(), e.timestamp()));
        item.put(CONTEXT_LEVEL, e.contextLevel());
        item.put(AGENT_ID, e.agentId());
        item.put(TIMESTAMP, ContextTimestamps.format(e.timestamp()));
        putCommon(item, e.payload(), e.version(), e.expiresAt());
        return item;
    }

    public static InvestigationContextEntry toInvestigation(Map<String, String> item) {
        return new InvestigationContextEntry(
                item.get(INVESTIGATION_ID),
                item.get(CONTEXT_LEVEL),
                ContextTimestamps.parse(item.get(TIMESTAMP)),
                item.get(AGENT_ID),
                item.get(PAYLOAD),
                Long.parseLong(item.get(VERSION)),
                Instant.ofEpochSecond(Long.parseLong(item.get(EXPIRES_AT))));
    }

    public static Map<String, String> toItem(AgentContextEntry e) {
        Map<String, String> item = new LinkedHashMap<>();
        item.put(AGENT_ID, e.agentId());
        item.put(SESSION_ID_TIMESTAMP, ContextKeys.composite(e.sessionId(), e.timestamp()));
        item.put(SESSION_ID, e.sessionId());
        item.put(TIMESTAMP, ContextTimestamps.format(e.timestamp()));
        putCommon(item, e.payload(), e.version(), e.expiresAt());
        return item;
    }

    public static AgentContextEntry toAgent(Map<String, String> item) {
        return new AgentContextEntry(
                item.get(AGENT_ID),
                item.get(SESSION_ID),
                ContextTimestamps.parse(item.get(TIMESTAMP)),
                item.get(PAYLOAD),
                Long.parseLong(item.get(VERSION)),
                Instant.ofEpochSecond(Long.parseLong(item.get(EXPIRES_AT))));
    }

    private static void putCommon(Map<String, String> item, String payload, long version, Instant expiresAt) {
        item.put(PAYLOAD, payload);
        item.put(VERSION, Long.toString(version));
        if (expiresAt != null) {
            item.put(EXPIRES_AT, Long.toString(expiresAt.getEpochSecond()));
        }
    }
}
