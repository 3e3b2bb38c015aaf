package ai.socagent.services.socapi.adapter.in.http;

import java.io.Serial;

/** A request body over the configured limit, refused before it is parsed. */
final class PayloadTooLargeException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final long limitBytes;

    PayloadTooLargeException(long limitBytes) {
        super("The request body is larger than " + limitBytes + " bytes");
        this.limitBytes = limitBytes;
    }

    long limitBytes() {
        return limitBytes;
    }
}
