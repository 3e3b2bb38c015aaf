package ai.socagent.services.socapi.adapter.in.http;

import java.io.Serial;

/** A request parameter the controller read itself and found outside its documented range. */
final class InvalidParameterException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String parameter;

    InvalidParameterException(String parameter, String expected) {
        super("Parameter '" + parameter + "' must be " + expected);
        this.parameter = parameter;
    }

    String parameter() {
        return parameter;
    }
}
