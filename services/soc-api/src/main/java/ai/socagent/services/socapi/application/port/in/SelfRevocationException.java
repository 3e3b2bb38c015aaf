package ai.socagent.services.socapi.application.port.in;

import java.io.Serial;

/** An API key asked to revoke itself: refused, so that no admin locks themselves out by mistake. */
public final class SelfRevocationException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String keyId;

    public SelfRevocationException(String keyId) {
        super("API key " + keyId + " cannot revoke itself; revoke it with another admin key");
        this.keyId = keyId;
    }

    public String keyId() {
        return keyId;
    }
}
