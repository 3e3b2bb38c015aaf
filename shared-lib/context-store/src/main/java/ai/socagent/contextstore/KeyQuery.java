package ai.socagent.contextstore;

import static ai.socagent.contextstore.ContextTables.AGENT;
import static ai.socagent.contextstore.ContextTables.AGENT_ID_INDEX;
import static ai.socagent.contextstore.ContextTables.GLOBAL;
import static ai.socagent.contextstore.ContextTables.INVESTIGATION;
import static ai.socagent.contextstore.ContextTables.SEVERITY_INDEX;
import static ai.socagent.contextstore.ContextTables.THREAT_TYPE_INDEX;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One key-range query of a table or index: a partition value and inclusive sort-key bounds. Both
 * implementations run exactly these, and a cursor is only accepted for the query that issued it.
 *
 * @param index the index name, or null for the table itself
 */
public record KeyQuery(ContextTables.Table table, String index, String partitionValue, String sortFrom, String sortTo) {

    private static final String WHOLE_PARTITION_FROM = " ";
    private static final String WHOLE_PARTITION_TO = "\uffff";

    public static KeyQuery globalByContextType(String contextType, TimeRange range) {
        return new KeyQuery(
                GLOBAL, null, ContextKeys.require(ContextTables.CONTEXT_TYPE, contextType), from(range), to(range));
    }

    public static KeyQuery globalByThreatType(String threatType, TimeRange range) {
        return new KeyQuery(
                GLOBAL,
                THREAT_TYPE_INDEX,
                ContextKeys.require(ContextTables.THREAT_TYPE, threatType),
                from(range),
                to(range));
    }

    public static KeyQuery globalBySeverity(String severity, TimeRange range) {
        return new KeyQuery(
                GLOBAL, SEVERITY_INDEX, ContextKeys.require(ContextTables.SEVERITY, severity), from(range), to(range));
    }

    public static KeyQuery investigationByLevel(String investigationId, String contextLevel, TimeRange range) {
        ContextKeys.requireCompositePart(ContextTables.CONTEXT_LEVEL, contextLevel);
        return new KeyQuery(
                INVESTIGATION,
                null,
                ContextKeys.require(ContextTables.INVESTIGATION_ID, investigationId),
                ContextKeys.composite(contextLevel, range.from()),
                ContextKeys.composite(contextLevel, range.to()));
    }

    /**
     * Every sort key of an investigation: levels are non-blank and free of control characters, so
     * each key lies within {@code [" ", "\uffff"]} in Java's string order (the cursor check);
     * DynamoDB runs it as a partition-only query ({@link #wholePartition()}).
     */
    public static KeyQuery investigationAll(String investigationId) {
        return new KeyQuery(
                INVESTIGATION,
                null,
                ContextKeys.require(ContextTables.INVESTIGATION_ID, investigationId),
                WHOLE_PARTITION_FROM,
                WHOLE_PARTITION_TO);
    }

    /** True for a query over a whole partition of the table ({@link #investigationAll}). */
    public boolean wholePartition() {
        return index == null && WHOLE_PARTITION_FROM.equals(sortFrom) && WHOLE_PARTITION_TO.equals(sortTo);
    }

    public static KeyQuery investigationByAgent(String investigationId, String agentId, TimeRange range) {
        ContextKeys.requireCompositePart(ContextTables.AGENT_ID, agentId);
        return new KeyQuery(
                INVESTIGATION,
                AGENT_ID_INDEX,
                ContextKeys.require(ContextTables.INVESTIGATION_ID, investigationId),
                ContextKeys.composite(agentId, range.from()),
                ContextKeys.composite(agentId, range.to()));
    }

    public static KeyQuery agentBySession(String agentId, String sessionId, TimeRange range) {
        ContextKeys.requireCompositePart(ContextTables.SESSION_ID, sessionId);
        return new KeyQuery(
                AGENT,
                null,
                ContextKeys.require(ContextTables.AGENT_ID, agentId),
                ContextKeys.composite(sessionId, range.from()),
                ContextKeys.composite(sessionId, range.to()));
    }

    public String partitionAttribute() {
        return index == null ? table.partitionKey() : table.index(index).partitionKey();
    }

    public String sortAttribute() {
        return index == null ? table.sortKey() : table.index(index).sortKey();
    }

    /** The attributes of a position in this query (DynamoDB's LastEvaluatedKey): table keys, then index keys. */
    public Set<String> positionAttributes() {
        var names = new LinkedHashSet<String>(List.of(table.partitionKey(), table.sortKey()));
        names.add(partitionAttribute());
        names.add(sortAttribute());
        return names;
    }

    /** Names the table and index, for cursors: {@code GlobalContextTable/threat_type-timestamp-index}. */
    public String scope() {
        return table.name() + "/" + (index == null ? "table" : index);
    }

    /** GlobalContextTable's keys are {@code <instant>#<id>}: the bounds take every id of the end instants. */
    private static String from(TimeRange range) {
        return ContextKeys.lowestAt(range.from());
    }

    private static String to(TimeRange range) {
        return ContextKeys.aboveAllAt(range.to());
    }
}
