package ai.socagent.eventbus;

import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * W3C trace context carried with every event ({@code traceparent}, version 00), so a trace continues
 * across the bus.
 *
 * @param traceparent {@code 00-<32 hex trace id>-<16 hex parent id>-<2 hex flags>}
 */
public record TraceContext(String traceparent) {

    private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}");
    private static final String ZERO_TRACE = "0".repeat(32);
    private static final String ZERO_PARENT = "0".repeat(16);

    public TraceContext {
        if (!isValid(traceparent)) {
            throw new IllegalArgumentException("not a W3C traceparent: '" + traceparent + "'");
        }
    }

    /** The trace context in {@code traceparent}, or empty when it is missing or invalid (W3C: restart the trace). */
    public static Optional<TraceContext> parse(String traceparent) {
        return isValid(traceparent) ? Optional.of(new TraceContext(traceparent)) : Optional.empty();
    }

    /** A new trace, sampled. */
    public static TraceContext newRoot() {
        return new TraceContext("00-" + randomHex(16, ZERO_TRACE) + "-" + randomHex(8, ZERO_PARENT) + "-01");
    }

    /** The trace id (32 hex digits). */
    public String traceId() {
        return traceparent.substring(3, 35);
    }

    /** The same trace with a new parent span id, for the next hop. */
    public TraceContext nextHop() {
        return new TraceContext(traceparent.substring(0, 36) + randomHex(8, ZERO_PARENT) + traceparent.substring(52));
    }

    private static boolean isValid(String traceparent) {
        if (traceparent == null) {
            return false;
        }
        var matcher = TRACEPARENT.matcher(traceparent);
        return matcher.matches()
                && !matcher.group(1).equals(ZERO_TRACE)
                && !matcher.group(2).equals(ZERO_PARENT);
    }

    private static String randomHex(int bytes, String zero) {
        byte[] random = new byte[bytes];
        String hex;
        do {
            // W3C trace context asks ids to be random, not secret (OpenTelemetry's are ThreadLocalRandom's
            // too); a SecureRandom here queued every publish on the JVM's one NativePRNG lock
            ThreadLocalRandom.current().nextBytes(random);
            hex = HexFormat.of().formatHex(random);
        } while (hex.equals(zero));
        return hex;
    }
}
