package ai.socagent.ingestion;

import java.util.Objects;

/**
 * One reason a payload was rejected.
 *
 * @param path JSONPath-like location of the offending value, e.g. {@code $.detail.severity} or
 *     {@code $.Resources[0].Type}; {@code $} for the payload as a whole
 * @param rule stable rule name, one of the constants of this record
 * @param message human-readable explanation
 */
public record Violation(String path, String rule, String message) {

    /** The payload exceeds {@link IngestionLimits#maxPayloadBytes()}. */
    public static final String PAYLOAD_TOO_LARGE = "payload.too-large";
    /** The payload is not well-formed UTF-8 JSON (includes duplicate keys and trailing content). */
    public static final String JSON_MALFORMED = "json.malformed";
    /** Objects and arrays nest deeper than {@link IngestionLimits#maxNestingDepth()}. */
    public static final String JSON_TOO_DEEP = "json.too-deep";
    /** A string or property name is longer than {@link IngestionLimits#maxStringLength()}. */
    public static final String STRING_TOO_LONG = "string.too-long";
    /** The payload is none of the supported formats. */
    public static final String FORMAT_UNKNOWN = "format.unknown";
    /** A required value is missing, null or blank. */
    public static final String REQUIRED = "required";
    /** A value has the wrong JSON type. */
    public static final String TYPE = "type";
    /** A number or time is outside its allowed range, or two values are in the wrong order. */
    public static final String RANGE = "range";
    /** A string does not have the required syntax (account id, region, timestamp, indicator...). */
    public static final String PATTERN = "pattern";
    /** A value is not one of an enumerated set. */
    public static final String ENUM = "enum";
    /** A string or array is too long, or an array too short. */
    public static final String SIZE = "size";

    public Violation {
        Objects.requireNonNull(path, "path must not be null");
        Objects.requireNonNull(rule, "rule must not be null");
        Objects.requireNonNull(message, "message must not be null");
    }

    @Override
    public String toString() {
        return path + " [" + rule + "] " + message;
    }
}
