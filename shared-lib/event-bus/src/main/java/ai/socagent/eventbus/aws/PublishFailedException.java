package ai.socagent.eventbus.aws;

import java.io.Serial;

/** EventBridge kept refusing some entries of a PutEvents request after every retry. */
public final class PublishFailedException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    public PublishFailedException(String message) {
        super(message);
    }
}
