package ai.socagent.domainjson;

import java.util.Objects;
import java.util.function.UnaryOperator;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes and reads one {@link ContextRecordType}: the only way a record the agents share goes into,
 * and comes out of, a context entry's payload.
 *
 * <p>The payload is {@code {"type": <name>, "schemaVersion": <n>, "record": {...}}}, the record as
 * {@link DomainJson} writes it. Reading checks the type, upgrades an older version step by step and
 * lets the record's constructor validate the result; anything else is a {@link
 * ContextRecordException} naming the record type. Thread-safe.
 *
 * @param <T> the domain record
 */
public final class ContextRecordCodec<T> {

    static final String TYPE = "type";
    static final String SCHEMA_VERSION = "schemaVersion";
    static final String RECORD = "record";

    private final ContextRecordType<T> type;
    private final JsonMapper json = DomainJson.mapper();

    private final String prefix;

    private ContextRecordCodec(ContextRecordType<T> type) {
        this.type = Objects.requireNonNull(type, "type");
        this.prefix = "{\"" + TYPE + "\":\"" + type.name() + "\",\"" + SCHEMA_VERSION + "\":" + type.schemaVersion()
                + ",\"" + RECORD + "\":";
    }

    public static <T> ContextRecordCodec<T> of(ContextRecordType<T> type) {
        return new ContextRecordCodec<>(type);
    }

    public ContextRecordType<T> type() {
        return type;
    }

    /** The payload of {@code record} at the type's current schema version. */
    public String encode(T record) {
        Objects.requireNonNull(record, "record");
        // Written in one pass (no tree): this runs for every record every agent keeps. The type name
        // is a checked slug, so it needs no escaping.
        return prefix + json.writeValueAsString(record) + "}";
    }

    /**
     * The record in {@code payload}.
     *
     * @throws ContextRecordException the payload is not this type's, is of a version this code
     *     cannot read, or does not make a valid record
     */
    public T decode(String payload) {
        Objects.requireNonNull(payload, "payload");
        JsonNode document;
        try {
            document = json.readTree(payload);
        } catch (JacksonException e) {
            throw new ContextRecordException(type.name() + ": the payload is not JSON: " + e.getOriginalMessage(), e);
        }
        String storedType = document.path(TYPE).asString("");
        if (!storedType.equals(type.name())) {
            throw new ContextRecordException(
                    "expected a " + type.name() + " record but the payload holds '" + storedType + "'");
        }
        int version = document.path(SCHEMA_VERSION).asInt(0);
        if (version > type.schemaVersion()) {
            throw new ContextRecordException(type.name() + " record of schema version " + version
                    + " was written by a newer service; this one reads up to version " + type.schemaVersion());
        }
        if (version < 1 || !(document.get(RECORD) instanceof ObjectNode stored)) {
            throw new ContextRecordException(type.name() + ": the payload has no record or no schema version");
        }
        ObjectNode record = stored;
        for (int v = version; v < type.schemaVersion(); v++) {
            UnaryOperator<ObjectNode> upgrade = type.upgrades().get(v);
            if (upgrade == null) {
                throw new ContextRecordException(type.name() + " record of schema version " + v
                        + " can no longer be read (no upgrade to version " + (v + 1) + ")");
            }
            record = upgrade.apply(record.deepCopy());
        }
        try {
            return json.treeToValue(record, type.javaType());
        } catch (JacksonException | IllegalArgumentException e) {
            throw new ContextRecordException(
                    type.name() + " record of schema version " + version + " is not valid: " + e.getMessage(), e);
        }
    }
}
