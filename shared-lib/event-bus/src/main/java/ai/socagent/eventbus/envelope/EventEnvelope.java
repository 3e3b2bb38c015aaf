package ai.socagent.eventbus.envelope;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * One event as EventBridge takes it (a PutEvents entry): source, detail-type, the detail JSON and the
 * time.
 *
 * @param source e.g. {@code ai-agent-service}
 * @param detailType e.g. {@code Threat Submitted}
 * @param detail the detail as JSON text
 * @param time when the event happened
 */
public record EventEnvelope(String source, String detailType, String detail, Instant time) {

    /** EventBridge refuses a PutEvents request (and so any single entry) larger than this. */
    public static final int MAX_ENTRY_BYTES = 256 * 1024;

    /** The time field counts as 14 bytes in EventBridge's size calculation. */
    private static final int TIME_BYTES = 14;

    /**
     * The size EventBridge counts for this entry: UTF-8 bytes of source, detail-type and detail,
     * plus 14 for the time (per "Calculating PutEvents event entry size" in the EventBridge guide).
     */
    public int entrySize() {
        return TIME_BYTES + utf8(source) + utf8(detailType) + utf8(detail);
    }

    private static int utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
