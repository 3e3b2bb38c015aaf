package ai.socagent.services.socapi.adapter.in.http;

import java.io.Serial;

/** A role that is none of analyst, responder, admin. */
final class InvalidApiKeyRequestException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    InvalidApiKeyRequestException(String role) {
        super("role must be analyst, responder or admin, not '" + role + "'");
    }
}
