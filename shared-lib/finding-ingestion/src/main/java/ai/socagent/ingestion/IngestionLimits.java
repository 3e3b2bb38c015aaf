package ai.socagent.ingestion;

/**
 * Bounds applied to every payload before and while it is parsed.
 *
 * @param maxPayloadBytes largest accepted payload, in UTF-8 bytes
 * @param maxNestingDepth deepest accepted nesting of JSON objects and arrays
 * @param maxStringLength longest accepted JSON string or property name, in characters
 * @param maxFindingsPerPayload most findings accepted in one batch or event
 */
public record IngestionLimits(
        int maxPayloadBytes, int maxNestingDepth, int maxStringLength, int maxFindingsPerPayload) {

    /**
     * 256 KiB per payload: EventBridge refuses events over 256 KB, so no GuardDuty or Security Hub
     * event we are sent can be larger, and a single ASFF finding is capped by Security Hub at 240 KB;
     * a plain threat posted by a person is orders of magnitude smaller. Anything bigger is an error
     * or an attack, and the cap bounds the memory one request can claim.
     */
    public static final int DEFAULT_MAX_PAYLOAD_BYTES = 256 * 1024;

    /**
     * 64 levels: real findings nest about 8 levels deep (GuardDuty service.action.*.remoteIpDetails
     * .organization is the deepest); 64 leaves ample room yet stops stack-exhausting input.
     */
    public static final int DEFAULT_MAX_NESTING_DEPTH = 64;

    /**
     * 64 KiB characters: the longest legitimate strings are descriptions (ASFF caps them at 1,024
     * characters) and GuardDuty's additionalInfo JSON blobs (a few KB).
     */
    public static final int DEFAULT_MAX_STRING_LENGTH = 64 * 1024;

    /** 100 findings: the most Security Hub's BatchImportFindings accepts in one call. */
    public static final int DEFAULT_MAX_FINDINGS_PER_PAYLOAD = 100;

    public IngestionLimits {
        positive(maxPayloadBytes, "maxPayloadBytes");
        positive(maxNestingDepth, "maxNestingDepth");
        positive(maxStringLength, "maxStringLength");
        positive(maxFindingsPerPayload, "maxFindingsPerPayload");
    }

    /** The documented defaults: 256 KiB, depth 64, strings of 64 KiB, 100 findings. */
    public static IngestionLimits defaults() {
        return new IngestionLimits(
                DEFAULT_MAX_PAYLOAD_BYTES,
                DEFAULT_MAX_NESTING_DEPTH,
                DEFAULT_MAX_STRING_LENGTH,
                DEFAULT_MAX_FINDINGS_PER_PAYLOAD);
    }

    private static void positive(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be positive but was " + value);
        }
    }
}
