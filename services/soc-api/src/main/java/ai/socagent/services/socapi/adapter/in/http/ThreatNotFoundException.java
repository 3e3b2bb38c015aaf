package ai.socagent.services.socapi.adapter.in.http;

import java.io.Serial;

/** A threat id that this edge does not know. */
final class ThreatNotFoundException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String threatId;

    ThreatNotFoundException(String threatId) {
        super("No threat with id " + threatId);
        this.threatId = threatId;
    }

    String threatId() {
        return threatId;
    }
}
