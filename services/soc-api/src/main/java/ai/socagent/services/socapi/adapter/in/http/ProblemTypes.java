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
    public static final URI UNAUTHENTICATED = URI.create("urn:socagent:problem:unauthenticated");
    public static final URI FORBIDDEN = URI.create("urn:socagent:problem:forbidden");
    public static final URI TOO_MANY_REQUESTS = URI.create("urn:socagent:problem:too-many-requests");
    public static final URI REQUEST_REJECTED = URI.create("urn:socagent:problem:request-rejected");
    public static final URI API_KEY_NOT_FOUND = URI.create("urn:socagent:problem:api-key-not-found");
    public static final URI AGENT_NOT_FOUND = URI.create("urn:socagent:problem:agent-not-found");
    public static final URI SELF_REVOCATION = URI.create("urn:socagent:problem:self-revocation");
    public static final URI TOO_MANY_FOLLOWERS = URI.create("urn:socagent:problem:too-many-followers");

    private ProblemTypes() {}
}
