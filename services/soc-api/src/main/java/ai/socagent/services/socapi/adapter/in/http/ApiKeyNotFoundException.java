package ai.socagent.services.socapi.adapter.in.http;

import java.io.Serial;

/** A key id that names no API key. */
final class ApiKeyNotFoundException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String keyId;

    ApiKeyNotFoundException(String keyId) {
        super("No API key with id " + keyId);
        this.keyId = keyId;
    }

    String keyId() {
        return keyId;
    }
}
