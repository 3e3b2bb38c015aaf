package ai.socagent.contextstore;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The one definition of the three context tables of the design: names, key schema, indexes, TTL
 * attribute and duration, stream. The DynamoDB provisioner creates tables from it, the embedded
 * store lays out its maps from it, and the Terraform check (later) compares against it.
 *
 * <p>Every key attribute is a string ({@code S}). Timestamps are written by {@link
 * ContextTimestamps} in a fixed-width UTC form, so lexicographic order is time order. The design's
 * composite sort keys are attributes literally named {@code context_level#timestamp} and {@code
 * session_id#timestamp}, holding {@code <level>#<timestamp>} and {@code <session>#<timestamp>}. An
 * LSI's partition key must be the table's, so the {@code agent_id-timestamp-index} LSI sorts on a
 * composite attribute {@code agent_id#timestamp} ({@code <agent>#<timestamp>}): one agent's entries
 * of one investigation over a time range are one key-range query.
 *
 * <p>Physical table names are {@code <environment>-<TableName>} (for example {@code
 * dev-GlobalContextTable}), or the bare name when the environment is empty.
 */
public final class ContextTables {

    public static final String CONTEXT_TYPE = "context_type";
    public static final String TIMESTAMP = "timestamp";
    public static final String THREAT_TYPE = "threat_type";
    public static final String SEVERITY = "severity";
    public static final String INVESTIGATION_ID = "investigation_id";
    public static final String CONTEXT_LEVEL = "context_level";
    public static final String CONTEXT_LEVEL_TIMESTAMP = "context_level#timestamp";
    public static final String AGENT_ID = "agent_id";
    public static final String AGENT_ID_TIMESTAMP = "agent_id#timestamp";
    public static final String SESSION_ID = "session_id";
    public static final String SESSION_ID_TIMESTAMP = "session_id#timestamp";
    /**
     * Not an attribute: the part of GlobalContextTable's {@code timestamp} after the instant ({@code
     * <instant>#<item id>}), named for messages.
     */
    public static final String ITEM_ID = "item_id";

    public static final String PAYLOAD = "payload";
    public static final String VERSION = "version";
    /** TTL attribute of every table: epoch seconds (a DynamoDB number). */
    public static final String EXPIRES_AT = "expires_at";

    public static final String THREAT_TYPE_INDEX = "threat_type-timestamp-index";
    public static final String SEVERITY_INDEX = "severity-timestamp-index";
    public static final String AGENT_ID_INDEX = "agent_id-timestamp-index";

    public static final Table GLOBAL = new Table(
            "GlobalContextTable",
            CONTEXT_TYPE,
            TIMESTAMP,
            List.of(
                    new Index(THREAT_TYPE_INDEX, IndexKind.GLOBAL, THREAT_TYPE, TIMESTAMP),
                    new Index(SEVERITY_INDEX, IndexKind.GLOBAL, SEVERITY, TIMESTAMP)),
            Duration.ofDays(7),
            StreamView.NONE);

    public static final Table INVESTIGATION = new Table(
            "InvestigationContextTable",
            INVESTIGATION_ID,
            CONTEXT_LEVEL_TIMESTAMP,
            List.of(new Index(AGENT_ID_INDEX, IndexKind.LOCAL, INVESTIGATION_ID, AGENT_ID_TIMESTAMP)),
            Duration.ofDays(30),
            StreamView.NONE);

    public static final Table AGENT = new Table(
            "AgentContextTable",
            AGENT_ID,
            SESSION_ID_TIMESTAMP,
            List.of(),
            Duration.ofHours(24),
            StreamView.NEW_AND_OLD_IMAGES);

    private static final Pattern ENVIRONMENT = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

    private final String environment;

    private ContextTables(String environment) {
        this.environment = environment;
    }

    /**
     * The tables of one environment.
     *
     * @param environment lower-case letters, digits and dashes (at most 32), or empty for bare names
     */
    public static ContextTables forEnvironment(String environment) {
        Objects.requireNonNull(environment, "environment");
        if (!environment.isEmpty() && !ENVIRONMENT.matcher(environment).matches()) {
            throw new IllegalArgumentException("environment must be lower-case letters, digits and dashes"
                    + " (at most 32, starting with a letter or digit), not '" + environment + "'");
        }
        return new ContextTables(environment);
    }

    public static List<Table> all() {
        return List.of(GLOBAL, INVESTIGATION, AGENT);
    }

    public String environment() {
        return environment;
    }

    /** The physical name of a table in this environment. */
    public String nameOf(Table table) {
        return environment.isEmpty() ? table.name() : environment + "-" + table.name();
    }

    /** The physical names of all three tables in this environment. */
    public List<String> names() {
        return all().stream().map(this::nameOf).toList();
    }

    @Override
    public String toString() {
        return "ContextTables[" + (environment.isEmpty() ? "<no prefix>" : environment) + "]";
    }

    /** A table of the design; every key attribute is a string. */
    public record Table(
            String name,
            String partitionKey,
            String sortKey,
            List<Index> indexes,
            Duration timeToLive,
            StreamView stream) {

        public Table {
            indexes = List.copyOf(indexes);
        }

        /** The TTL attribute (epoch seconds). */
        public String timeToLiveAttribute() {
            return EXPIRES_AT;
        }

        public Index index(String indexName) {
            return indexes.stream()
                    .filter(i -> i.name().equals(indexName))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(name + " has no index " + indexName));
        }

        /** Table keys first, then index keys, each once: the attribute definitions of the table. */
        public List<String> keyAttributes() {
            var names = new LinkedHashSet<String>();
            names.add(partitionKey);
            names.add(sortKey);
            indexes.forEach(i -> {
                names.add(i.partitionKey());
                names.add(i.sortKey());
            });
            return List.copyOf(names);
        }
    }

    /** A secondary index; projections are ALL. */
    public record Index(String name, IndexKind kind, String partitionKey, String sortKey) {}

    public enum IndexKind {
        GLOBAL,
        LOCAL
    }

    public enum StreamView {
        NONE,
        NEW_AND_OLD_IMAGES
    }
}
