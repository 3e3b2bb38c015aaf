package ai.socagent.services.socapi.adapter.in.http;

import java.net.URI;

/**
 * The stable {@code type} of every problem document this API returns (RFC 9457). Clients
 * switch on these, never on the human-readable title or detail. Documented in docs/api.md.
 */
public final class ProblemTypes {

    public static final URI INVALID_FINDING = URI.create("urn:socagent:problem:invalid-finding");
    public static final URI PAYLOAD_TOO_LARGE = URI.create("urn:socagent:problem:payload-too-large");
    public static final URI THREAT_NOT_FOUND = URI.create("urn:socagent:problem:threat-not-found");
    public static final URI INVALID_PARAMETER = URI.create("urn:socagent:problem:invalid-parameter");
    public static final URI INTERNAL_ERROR = URI.create("urn:socagent:problem:internal-error");

    private ProblemTypes() {}
}
