package ai.socagent.domainjson;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * How the domain's records are written as JSON, everywhere: the events' detail on the bus and the
 * records the agents leave for each other in the context store.
 *
 * <p>A record is written as exactly its components (no getter-like derived method such as {@code
 * Indicator.isPublicIpAddress()} or {@code ResponsePlan.pendingApprovals()} leaks into the
 * contract); optional values as the value or {@code null}, enums by name, instants as ISO-8601
 * strings. Reading is strict: an unknown property or a missing primitive is an error, never a
 * silent default, and the record's own constructor validates what it reads.
 */
public final class DomainJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .changeDefaultVisibility(visibility -> visibility
                    .withFieldVisibility(JsonAutoDetect.Visibility.ANY)
                    .withGetterVisibility(JsonAutoDetect.Visibility.NONE)
                    .withIsGetterVisibility(JsonAutoDetect.Visibility.NONE))
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private DomainJson() {}

    /** The shared mapper; immutable and thread-safe. */
    public static JsonMapper mapper() {
        return MAPPER;
    }
}
